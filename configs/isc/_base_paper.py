# Skeleton-Contrast / ISC (Thoker et al., ACM MM'21), the paper recipe
# without the data: inter-skeleton contrast of BiGRU (3 x 1024) and 2s-AGCN
# query / momentum key encoders (m = 0.999), MLP projections to 128,
# InfoNCE tau = 0.07, 16,384 negatives per representation (NTU; PKU-MMD
# configs set 8,192 / 2,048), two spatio-temporal views of 64 frames.
# Batch 64 in one process (the public code: DataParallel, 64 in total).
# The *_1xb64-<E>e_<dataset>.py configs add a dataset base and a schedule
# and compose the pipeline: [*isc_normalize, *isc_pretext].
_base_ = [
    '../_base_/models/isc_bigru_agcn.py',
    '../_base_/default_runtime.py',
]
pretrain_loader = dict(batch_size=64, num_workers=8,
                       persistent_workers=True, drop_last=True)
default_hooks = dict(checkpoint=dict(interval=10, max_keep_ckpts=3,
                                     save_best=None))
