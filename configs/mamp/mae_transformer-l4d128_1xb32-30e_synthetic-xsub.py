# MAMP's MAE baseline on the synthetic actions (uniform masking 0.9, joint
# target with per-segment normalisation).
_base_ = ['./mamp_transformer-l4d128_1xb32-30e_synthetic-xsub.py']
clip_len = 32
segment_len = 4
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=24),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2),
    dict(type='RandomTokenMasking', mask_ratio=0.9, segment_len=segment_len),
    dict(type='GenerateReconstructionTarget', source='joint',
         norm='segment', segment_len=segment_len),
    dict(type='PackSkeletonInputs',
         algorithm_keys=('ids_keep', 'ids_masked', 'ids_restore', 'mask',
                         'target')),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
model = dict(type='MAE')
