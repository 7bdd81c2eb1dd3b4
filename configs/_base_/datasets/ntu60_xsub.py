# NTU RGB+D 60 (nturgb+d layout: 25 joints, up to 2 actors; 60 classes),
# cross-subject split, from the annotation file data/ntu60/ntu60_3danno.pkl
# (docs/prepare_datasets.md: tools/data/ntu or mmaction2's file). Pipelines
# of MAMP's protocol: crop ratio U[0.5, 1] (>= 64 frames) resized to 120,
# rotation +-0.3 rad; 0.95 centre crop for testing. The loaders are the
# linear evaluation's (batch 128 per GPU).
dataset_type = 'SkeletonDataset'
ann_file = 'data/ntu60/ntu60_3danno.pkl'
num_classes = 60
clip_len = 120
augment = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=64),
    dict(type='RandomEulerRotation', theta=0.3),
]
persons = dict(type='FormatPersons', num_persons=2)
# self-supervised pretraining (MAMP and the methods that follow its
# preprocessing): the augmentation and the actor slots of MAMP's released
# NTU60 / PKU-MMD data (the second slot zero when there is one actor)
ssl_head = [*augment, dict(type='FormatPersons', num_persons=2, mode='zero')]
train_pipeline = [*augment, persons, dict(type='PackSkeletonInputs')]
test_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, test_mode=True,
         test_ratio=0.95),
    persons,
    dict(type='PackSkeletonInputs'),
]

train_dataloader = dict(
    batch_size=128,
    num_workers=8,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type=dataset_type, ann_file=ann_file, split='xsub_train',
                 num_classes=num_classes, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=128,
    num_workers=8,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, ann_file=ann_file, split='xsub_val',
                 num_classes=num_classes, pipeline=test_pipeline,
                 test_mode=True))
test_dataloader = val_dataloader

val_evaluator = [dict(type='AccMetric', topk=(1, 5))]
test_evaluator = val_evaluator
