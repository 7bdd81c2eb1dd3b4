# MAMP's MAE baseline on NTU60 X-Sub: uniform masking 0.9, joint target
# with per-segment normalisation; recipe as MAMP.
_base_ = ['./mamp_transformer_4xb32-400e_ntu60-xsub.py']
clip_len = 120
segment_len = 4
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=64),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2, mode='zero'),
    dict(type='RandomTokenMasking', mask_ratio=0.9, segment_len=segment_len),
    dict(type='GenerateReconstructionTarget', source='joint',
         norm='segment', segment_len=segment_len),
    dict(type='PackSkeletonInputs',
         algorithm_keys=('ids_keep', 'ids_masked', 'ids_restore', 'mask',
                         'target')),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
model = dict(type='MAE')
