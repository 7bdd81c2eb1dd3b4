# Skeleton-Contrast / ISC (Thoker et al., ACM MM'21), inter-skeleton
# contrast of the sequence (BiGRU, 3 x 1024, the downstream encoder) and
# graph (2s-AGCN) representations: per representation a query encoder and
# a momentum key encoder (m = 0.999), MLP projection to 128, L2-normalised;
# the query of each representation against the key and the queue of the
# other (eqs. 6-8), tau = 0.07, 16,384 negatives per representation (NTU).
# MomentumUpdateHook steps the key encoders after every optimizer step.
model = dict(
    type='ISC',
    representation='seq',
    backbone=dict(type='BiGRU', layout='nturgb+d', num_persons=2,
                  hidden_size=1024, num_layers=3),
    neck=dict(type='NonLinearNeck', in_channels=2048, hid_channels=2048,
              out_channels=128, with_bn=False),
    cross_representation=dict(
        name='graph',
        backbone=dict(type='AGCN', layout='nturgb+d', num_persons=2),
        neck=dict(type='NonLinearNeck', in_channels=256, hid_channels=256,
                  out_channels=128, with_bn=False)),
    head=dict(type='CrossContrastiveHead',
              loss=dict(type='InfoNCELoss', temperature=0.07)),
    queue_len=16384,
    base_momentum=0.999, end_momentum=0.999)
custom_hooks = [dict(type='MomentumUpdateHook')]
# Spatio-temporal augmentation (Sec. 3.1), one draw per view: temporal
# crop-resize (ratio U[0.1, 1] of the valid frames, at least 64 frames
# or all of them, resized to 64), then shear (factors U[-1, 1]) or joint
# jitter (15 joints zeroed or multiplied by a U[-1, 1] 3 x 3 matrix),
# chosen with p = 0.5.
isc_clip_len = 64
isc_view = [
    dict(type='TemporalCropResize', clip_len=isc_clip_len,
         ratio_range=(0.1, 1.), min_len=64),
    dict(type='RandomChoice', transforms=[
        dict(type='RandomShear', shear=1.0),
        dict(type='RandomJointJitter', num_joints=15, zero_prob=0.5)]),
]
isc_views = dict(type='MultiView', pipelines=isc_view, num_views=2)
# ISC's data: 2s-AGCN pre-normalisation (per-frame centring, two-axis
# alignment, repeat padding), two actor slots (the second zero if absent)
isc_normalize = [dict(type='AGCNNormalize'),
                 dict(type='FormatPersons', num_persons=2, mode='zero')]
isc_pretext = [isc_views, dict(type='PackSkeletonInputs')]
