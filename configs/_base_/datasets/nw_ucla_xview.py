# NW-UCLA (nw-ucla layout: 20 joints, 1 actor; 10 classes), read from the
# all_sqe JSON release. Standard protocol: train on views 1-2, test on
# view 3. Point data_root at your copy (the repository's CI uses
# ../shared/data/nw-ucla).
dataset_type = 'NWUCLADataset'
data_root = '{{$NW_UCLA_ROOT:../shared/data/nw-ucla}}'
num_classes = 10
clip_len = 32
augment = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=16),
    dict(type='RandomEulerRotation', theta=0.3),
]
persons = dict(type='FormatPersons', num_persons=1)
train_pipeline = [*augment, persons, dict(type='PackSkeletonInputs')]
test_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, test_mode=True,
         test_ratio=0.95),
    persons,
    dict(type='PackSkeletonInputs'),
]

train_dataloader = dict(
    batch_size=32,
    num_workers=0,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type=dataset_type, data_root=data_root, split='xview_train',
                 num_classes=num_classes, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=64,
    num_workers=0,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, data_root=data_root, split='xview_val',
                 num_classes=num_classes, pipeline=test_pipeline,
                 test_mode=True))
test_dataloader = val_dataloader

val_evaluator = [dict(type='AccMetric', topk=(1, 5))]
test_evaluator = val_evaluator

# kNN retrieval (KNNMetric) needs a labelled bank: the training split through
# the test pipeline, encoded before every validation by KNNBankHook (by
# default from train_dataloader.dataset + val_dataloader's pipeline).
# Configs that report kNN add: custom_hooks = [dict(type='KNNBankHook')].
