# SkeletonMAE on the built-in synthetic actions with Gong et al.'s NAT joint
# target and the +-45 deg body-axis rotation (not in the SkeletonMAE paper;
# the recipe of skeleton-mae-nat_sttformer-tiny_1xb16-40e_nw-ucla-xview.py):
# the encoder, decoder, masking and ~10-minute budget of
# skeleton-mae_sttformer-tiny_1xb16-15e_synthetic-xsub.py, but the masked
# entries reconstruct the coordinates normalised per tuple of 4 frames,
# joint and axis (GenerateReconstructionTarget(source='joint', norm='nat'),
# Gong et al. eq. 5) instead of the raw coordinates.
_base_ = ['./skeleton-mae_sttformer-tiny_1xb16-15e_synthetic-xsub.py']
clip_len = 32
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=24),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='RandomBodyAxisRotation', max_angle=0.7854),
    dict(type='FormatPersons', num_persons=2),
    # segment_len = the STTFormer tuple length (len_parts)
    dict(type='GenerateReconstructionTarget', source='joint', norm='nat',
         segment_len=4),
    dict(type='SpatioTemporalMasking', frame_ratio=0.5, joint_ratio=0.5,
         joint_mode='random'),
    dict(type='PackSkeletonInputs', algorithm_keys=('mask', 'target')),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
model = dict(target_key='target')
