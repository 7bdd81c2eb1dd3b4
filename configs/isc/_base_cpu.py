# CPU-sized ISC (inter-skeleton contrast, eqs. 6-8): BiGRU 2 x 128
# (sequence, kept downstream) + HCN (image, window 32: 1024-d), projections
# to 128, m = 0.999, tau = 0.07, SGD lr 0.01 (momentum 0.9, weight decay
# 1e-4) as the paper; the paper's views (crop-resize U[0.1, 1], then shear
# or joint jitter) at 32 frames. The image representation stands in for
# the paper's graph one (2s-AGCN) because AGCN costs about 10 x the BiGRU
# step on CPU; the pair is a config choice (cross_representation). Data
# configs add the dataset, the epochs and the pipeline
# [*normalisation, isc_views_cpu, PackSkeletonInputs].
_base_ = ['../_base_/models/isc_bigru_hcn.py',
          '../_base_/default_runtime.py']
cpu_clip_len = 32
model = dict(
    backbone=dict(hidden_size=128, num_layers=2),
    neck=dict(in_channels=256, hid_channels=256),
    cross_representation=dict(
        backbone=dict(window_size=cpu_clip_len),
        neck=dict(in_channels=1024, hid_channels=1024)))
isc_views_cpu = dict(type='MultiView', num_views=2, pipelines=[
    dict(type='TemporalCropResize', clip_len=cpu_clip_len,
         ratio_range=(0.1, 1.), min_len=cpu_clip_len),
    dict(type='RandomChoice', transforms=[
        dict(type='RandomShear', shear=1.0),
        dict(type='RandomJointJitter', num_joints=15, zero_prob=0.5)])])
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=1e-4))
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
