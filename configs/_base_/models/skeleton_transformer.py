# MAMP's transformer (8 blocks x 256, 8 heads, segments of 4 frames) with a
# linear classification head on the pooled feature.
model = dict(
    type='SkeletonRecognizer',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(
        type='SkeletonTransformer',
        in_channels=3,
        num_joints=25,
        num_frames=120,
        segment_len=4,
        embed_dims=256,
        depth=8,
        num_heads=8,
        mlp_ratio=4.,
        drop_path_rate=0.),
    neck=dict(type='SkeletonGlobalPool', person_pool='mean'),
    cls_head=dict(type='ClsHead', num_classes=60, in_channels=256))
