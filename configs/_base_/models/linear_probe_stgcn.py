# Linear probe of a pretrained ST-GCN (skeleton BYOL, Moliner et al. §4.3):
# the frozen online encoder (all ten units and the data BN frozen, BN in
# eval mode) on joint + bone input (6 channels), global average pooling over
# frames, joints and actors, one Linear layer. The weights come from the
# command line:  tools/train.py CONFIG --pretrained PRETRAIN.pth
width = 1.
model = dict(
    type='SkeletonRecognizer',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(
        type='STGCN', in_channels=6, layout='nturgb+d', num_persons=2,
        width=width, frozen_stages=10, norm_eval=True,
        init_cfg=dict(type='Pretrained', checkpoint='', prefix='backbone.')),
    neck=dict(type='SkeletonGlobalPool', person_pool='mean'),
    cls_head=dict(type='ClsHead', num_classes=60,
                  in_channels=int(256 * width)),
    test_cfg=dict(output_feat=True))
