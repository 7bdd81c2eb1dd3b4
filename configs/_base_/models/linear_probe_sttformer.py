# Linear-probe pattern (MAMP protocol, as linear_probe_transformer.py) on a
# frozen pretrained STTFormer (SkeletonMAE's encoder: all 8 stages frozen,
# eval mode), mean-pooled 256-d feature -> BatchNorm1d without affine ->
# Linear. Weights: tools/train.py CONFIG --pretrained PRETRAIN.pth.
model = dict(
    type='SkeletonRecognizer',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(
        type='STTFormer', layout='nturgb+d', len_parts=4, mask_token=True,
        frozen_stages=8, norm_eval=True,
        init_cfg=dict(type='Pretrained', checkpoint='', prefix='backbone.')),
    neck=dict(type='SkeletonGlobalPool', person_pool='mean'),
    cls_head=dict(type='ClsHead', num_classes=60, in_channels=256,
                  pre_norm='bn_noaffine'),
    test_cfg=dict(output_feat=True))
