# S-JEPA on ntu120-xsub (as ntu60-xsub; motion-aware masking tau 0.75 as MAMP,
# actor padding 'loop' as MAMP's preprocessing).
_base_ = ['./sjepa_transformer_8xb32-1200e_ntu60-xsub.py']
clip_len = 120
segment_len = 4
view_pipeline = [
    dict(type='RandomBodyAxisRotation', max_angle=0.7854),
    dict(type='RandomTranslation', max_offset=0.1),
    dict(type='RandomFlip', p=0.5, swap_joints=False),
]
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=64),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2, mode='loop'),
    dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.75,
         segment_len=segment_len),
    dict(type='MultiView', pipelines=[[], view_pipeline]),
    dict(type='PackSkeletonInputs',
         algorithm_keys=('ids_keep', 'ids_masked', 'ids_restore', 'mask')),
]
train_dataloader = dict(
    dataset=dict(ann_file='data/ntu120/ntu120_3danno.pkl', split='xsub_train',
                 pipeline=train_pipeline))
