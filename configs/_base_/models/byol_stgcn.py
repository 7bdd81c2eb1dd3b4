# Skeleton BYOL (Moliner et al., CVPRW'22): ST-GCN x1 on joint + bone input
# (6 channels, 2 actors) -> 256-d; projector and predictor MLPs
# (Linear-BN-ReLU-Linear, 4096 hidden, 256 out: BYOL's sizes, the paper gives
# none); target = EMA of encoder + projector, lambda cosine 0.99 -> 1 per
# iteration (MomentumUpdateHook); momentum BatchNorm in the target (eq. 4,
# alpha = the lambda of each update: the paper gives no value);
# symmetric normalised L2 loss (eqs. 1-2).
width = 1.
feat_dims = int(256 * width)
model = dict(
    type='SkeletonBYOL',
    backbone=dict(type='STGCN', in_channels=6, layout='nturgb+d',
                  num_persons=2, width=width),
    neck=dict(type='NonLinearNeck', in_channels=feat_dims,
              hid_channels=4096, out_channels=256, with_pool=True),
    head=dict(type='LatentPredictHead',
              predictor=dict(type='NonLinearNeck', in_channels=256,
                             hid_channels=4096, out_channels=256),
              loss=dict(type='NormalizedL2Loss')),
    base_momentum=0.99, end_momentum=1.0,
    target_bn='momentum', bn_momentum=None)
custom_hooks = [dict(type='MomentumUpdateHook')]
