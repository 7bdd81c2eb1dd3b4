# Skeleton BYOL (Moliner et al., CVPRW'22), the paper recipe without the
# data: ST-GCN x1 on joint + bone input, projector / predictor MLPs, EMA
# target (lambda 0.99 -> 1, cosine) with momentum BN, symmetric normalised
# L2 loss; SGD warm-up to 0.2 then cosine, 1600 epochs, batch 512 (4 x 128);
# the views of _base_views.py. The *_<dataset>.py configs add a dataset
# base and wrap its training set in MultiViewpointDataset.
_base_ = [
    '../_base_/models/byol_stgcn.py',
    '../_base_/schedules/byol_sgd_warmup_cosine_1600e.py',
    '../_base_/default_runtime.py',
    './_base_views.py',
]
pretrain_loader = dict(batch_size=128, num_workers=8,
                       persistent_workers=True, drop_last=True)
default_hooks = dict(checkpoint=dict(interval=50, max_keep_ckpts=3,
                                     save_best=None))
