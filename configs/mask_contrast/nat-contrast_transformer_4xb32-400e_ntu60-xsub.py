# Gong et al. (AAAI'24), paper recipe: MAMP's model, masking and schedule
# (8 x 256 encoder, decoder 3 (NTU60) / 5, 400 epochs, batch 32 x 4, AdamW
# lr 1e-3 -> 5e-4) with the joint target normalised by NAT (eq. 5) and a
# momentum encoder (mu = 0.999) on the unmasked sequence; InfoNCE (tau 0.07)
# of GAP(online visible tokens) vs GAP(momentum) with N_Q = 65536 queued
# negatives; L = L_r + 1e-4 L_c. Only the online encoder is kept.
_base_ = ['../mamp/mamp_transformer_4xb32-400e_ntu60-xsub.py']
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
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
model = dict(
    _delete_=True,
    type='MaskedContrastiveReconstruction',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(type='SkeletonTransformer', num_joints=25,
                  num_frames=clip_len, segment_len=segment_len,
                  embed_dims=256, depth=8, num_heads=8),
    neck=dict(type='MaskTokenDecoder', in_channels=256, embed_dims=256,
              depth=3, num_heads=8, num_joints=25, num_frames=clip_len,
              segment_len=segment_len, out_channels=segment_len * 3),
    head=dict(type='ReconstructionHead', loss=dict(type='MaskedMSELoss')),
    contrast_head=dict(type='ContrastiveHead',
                       loss=dict(type='InfoNCELoss', temperature=0.07,
                                 loss_weight=1e-4)),
    queue_len=65536,
    base_momentum=0.999, end_momentum=0.999)
custom_hooks = [dict(type='MomentumUpdateHook')]
