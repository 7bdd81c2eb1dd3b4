# SkeletonMAE fine-tuning on the synthetic actions (cross-subject): the
# pretrained tiny STTFormer of skeleton-mae[-nat]_sttformer-tiny_1xb16-15e_
# synthetic-xsub.py (nturgb+d layout, 2 actor slots) end to end + linear
# head, CE with label smoothing 0.1 (paper), Adam lr 5e-3, wd 1e-4, x 0.1 at
# 60 / 80, 100 epochs: the recipe of the NW-UCLA fine-tune config. The
# harness's finetune / semi-P protocols for those pretraining configs.
#   python tools/train.py THIS_CONFIG --pretrained PRETRAIN.pth
_base_ = [
    '../../_base_/datasets/synthetic_xsub.py',
    '../../_base_/default_runtime.py',
]
model = dict(
    type='SkeletonRecognizer',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(type='STTFormer', layout='nturgb+d', len_parts=4,
                  config=[(32, 32, 8), (32, 32, 8), (32, 64, 16),
                          (64, 64, 16)],
                  mask_token=True,
                  init_cfg=dict(type='Pretrained', checkpoint='',
                                prefix='backbone.')),
    neck=dict(type='SkeletonGlobalPool', person_pool='mean'),
    cls_head=dict(type='ClsHead', num_classes=_base_.num_classes,
                  in_channels=64,
                  loss=dict(type='CrossEntropyLoss', label_smoothing=0.1)))
train_dataloader = dict(batch_size=64)
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='Adam', lr=0.005,
                                    weight_decay=1e-4))
param_scheduler = [dict(type='MultiStepLR', milestones=[60, 80],
                        gamma=0.1, by_epoch=True)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100,
                 val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
