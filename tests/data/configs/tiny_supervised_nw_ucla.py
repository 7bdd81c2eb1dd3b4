# A tiny supervised run on a subset of NW-UCLA for tool tests (seconds).
_base_ = ['../../../configs/_base_/default_runtime.py']
data_root = '{{$NW_UCLA_ROOT:../shared/data/nw-ucla}}'
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=16, min_len=8),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=1),
    dict(type='PackSkeletonInputs'),
]
test_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=16, test_mode=True),
    dict(type='FormatPersons', num_persons=1),
    dict(type='PackSkeletonInputs'),
]
train_dataloader = dict(
    batch_size=16, num_workers=0, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type='NWUCLADataset', data_root=data_root,
                 split='xview_train', indices=96, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=32, num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='NWUCLADataset', data_root=data_root,
                 split='xview_val', indices=50, pipeline=test_pipeline,
                 test_mode=True))
test_dataloader = val_dataloader
val_evaluator = [dict(type='AccMetric', topk=(1, 5))]
test_evaluator = val_evaluator
model = dict(
    type='SkeletonRecognizer',
    backbone=dict(type='SkeletonTransformer', num_joints=20, num_frames=16,
                  embed_dims=32, depth=2, num_heads=4, drop_path_rate=0.2),
    cls_head=dict(type='ClsHead', num_classes=10, in_channels=32,
                  dropout=0.3))
optim_wrapper = dict(optimizer=dict(type='AdamW', lr=1e-3,
                                    weight_decay=0.05))
param_scheduler = [dict(type='CosineAnnealingLR', T_max=3, by_epoch=True,
                        convert_to_iter_based=True)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=3, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
default_hooks = dict(logger=dict(interval=1),
                     checkpoint=dict(interval=1, max_keep_ckpts=-1,
                                     save_best=None))
