# Skeleton-Contrast / ISC (Thoker et al., ACM MM'21), inter-skeleton
# contrast of the sequence (BiGRU 3 x 1024, the downstream encoder) and
# image (HCN) representations (the paper's SEQ + IMG pair): query and
# momentum key encoders (m = 0.999), MLP projections to 128, the query of
# each representation against the key and the queue of the other
# (eqs. 6-8), tau = 0.07, 16,384 negatives per representation (NTU).
# HCN at 64 frames gives 4096-d features (4096-4096-128 projection).
model = dict(
    type='ISC',
    representation='seq',
    backbone=dict(type='BiGRU', layout='nturgb+d', num_persons=2,
                  hidden_size=1024, num_layers=3),
    neck=dict(type='NonLinearNeck', in_channels=2048, hid_channels=2048,
              out_channels=128, with_bn=False),
    cross_representation=dict(
        name='image',
        backbone=dict(type='HCN', layout='nturgb+d', window_size=64),
        neck=dict(type='NonLinearNeck', in_channels=4096, hid_channels=4096,
                  out_channels=128, with_bn=False)),
    head=dict(type='CrossContrastiveHead',
              loss=dict(type='InfoNCELoss', temperature=0.07)),
    queue_len=16384,
    base_momentum=0.999, end_momentum=0.999)
custom_hooks = [dict(type='MomentumUpdateHook')]
