# Linear-probe pattern (MAMP protocol): frozen pretrained SkeletonTransformer
# (all stages frozen, eval mode), mean-pooled feature -> BatchNorm1d without
# affine (eps 1e-6) -> Linear. The pretrained weights come from the command
# line:  tools/train.py CONFIG --pretrained PRETRAIN.pth
# (or --cfg-options model.backbone.init_cfg.checkpoint=PRETRAIN.pth).
# A missing/mismatching checkpoint is an error, never a silent random init.
model = dict(
    type='SkeletonRecognizer',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(
        type='SkeletonTransformer',
        num_joints=25,
        num_frames=120,
        segment_len=4,
        embed_dims=256,
        depth=8,
        num_heads=8,
        frozen_stages=8,
        norm_eval=True,
        init_cfg=dict(type='Pretrained', checkpoint='', prefix='backbone.')),
    neck=dict(type='SkeletonGlobalPool', person_pool='mean'),
    cls_head=dict(type='ClsHead', num_classes=60, in_channels=256,
                  pre_norm='bn_noaffine'),
    test_cfg=dict(output_feat=True))
