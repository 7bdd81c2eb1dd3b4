# MAMP / Gong et al. linear evaluation on NTU60 X-Sub: frozen 8 x 256
# encoder, BN (no affine) + Linear, SGD m 0.9 lr 0.1, cosine to 0, 100
# epochs, batch 128 x 2 GPUs; crop [0.5, 1] + rotation for training, 0.95
# centre crop for testing. --pretrained from extract_backbone.py.
_base_ = [
    '../../_base_/models/linear_probe_transformer.py',
    '../../_base_/schedules/sgd_cosine_linear_probe.py',
    '../../_base_/default_runtime.py',
]
dataset_type = 'SkeletonDataset'
ann_file = 'data/ntu60/ntu60_3danno.pkl'
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=120, ratio_range=(0.5, 1.),
         min_len=64),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2),
    dict(type='PackSkeletonInputs'),
]
test_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=120, test_mode=True,
         test_ratio=0.95),
    dict(type='FormatPersons', num_persons=2),
    dict(type='PackSkeletonInputs'),
]
train_dataloader = dict(
    batch_size=128, num_workers=8,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type=dataset_type, ann_file=ann_file, split='xsub_train',
                 pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=128, num_workers=8,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, ann_file=ann_file, split='xsub_val',
                 pipeline=test_pipeline, test_mode=True))
test_dataloader = val_dataloader
val_evaluator = [dict(type='AccMetric', topk=(1, 5)),
                 dict(type='KNNMetric', topk=(1, 20))]
test_evaluator = val_evaluator
# kNN bank: the training split through the test pipeline (derived from
# train_dataloader / val_dataloader, so dataset variants need no copy).
custom_hooks = [dict(type='KNNBankHook')]
