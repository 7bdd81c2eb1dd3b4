# Built-in synthetic skeleton actions (nturgb+d layout, 25 joints, up to two
# actors; 14 classes), generated in memory: no download. Cross-subject
# split.
dataset_type = 'SyntheticSkeletonDataset'
generator = dict(seed=0)
num_classes = 14
clip_len = 32
augment = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=24),
    dict(type='RandomEulerRotation', theta=0.3),
]
persons = dict(type='FormatPersons', num_persons=2)
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
    dataset=dict(type=dataset_type, split='xsub_train', generator=generator,
                 num_classes=num_classes, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=64,
    num_workers=0,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, split='xsub_val', generator=generator,
                 num_classes=num_classes, pipeline=test_pipeline,
                 test_mode=True))
test_dataloader = val_dataloader

val_evaluator = [dict(type='AccMetric', topk=(1, 5))]
test_evaluator = val_evaluator
