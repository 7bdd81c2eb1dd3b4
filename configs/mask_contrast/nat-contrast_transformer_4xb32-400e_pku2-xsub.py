# Gong et al. on pku2-xsub: MAMP's settings for this dataset (tau 0.8, decoder
# depth 5, actor padding 'zero').
_base_ = ['./nat-contrast_transformer_4xb32-400e_ntu60-xsub.py']
clip_len = 120
segment_len = 4
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=64),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2, mode='zero'),
    dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8,
         segment_len=segment_len),
    dict(type='GenerateReconstructionTarget', source='joint', norm='nat',
         segment_len=segment_len),
    dict(type='PackSkeletonInputs',
         algorithm_keys=('ids_keep', 'ids_masked', 'ids_restore', 'mask',
                         'target')),
]
train_dataloader = dict(
    dataset=dict(ann_file='data/pku_mmd2/pku_mmd2_3danno.pkl',
                 split='xsub_train', pipeline=train_pipeline))
model = dict(neck=dict(depth=5))
