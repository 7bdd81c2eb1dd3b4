# Skeleton BYOL semi-supervised fine-tuning (Moliner et al. §4.4) without
# the data: the pretrained ST-GCN x1 online encoder + Linear, batch 8, SGD
# momentum 0.9, no weight decay, lr 10 cosine to 0; the encoder frozen for
# the first third of the iterations (FreezeBackboneHook), then trained at
# lr x 1e-3 (lr_mult of 'backbone'); conservative augmentation. The
# semi-*.py configs set the label fraction and the epochs (1 %: 100, 5 %:
# 20, 10 %: 10). Pretrained weights: --pretrained PRETRAIN.pth.
_base_ = [
    '../../_base_/models/linear_probe_stgcn.py',
    '../../_base_/default_runtime.py',
    '../_base_views.py',
]
model = dict(backbone=dict(frozen_stages=-1, norm_eval=False))
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=10., momentum=0.9, weight_decay=0.),
    paramwise_cfg=dict(custom_keys={'backbone': dict(lr_mult=1e-3)}))
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100)
test_cfg = dict(type='TestLoop')
custom_hooks = [dict(type='FreezeBackboneHook', frozen_ratio=1 / 3)]
find_unused_parameters = True  # the frozen encoder gets no gradient
default_hooks = dict(checkpoint=dict(save_best=None))
