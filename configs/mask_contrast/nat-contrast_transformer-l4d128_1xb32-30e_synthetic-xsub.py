# Gong et al. (AAAI'24) on the built-in synthetic actions: masked joint
# reconstruction with the NAT target (eq. 5) + InfoNCE of the online
# visible-token GAP against a momentum encoder (whole unmasked sequence)
# with a queue, L = L_r + 1e-4 L_c. 4 x 128 SkeletonTransformer, T = 32.
_base_ = ['../mamp/mamp_transformer-l4d128_1xb32-30e_synthetic-xsub.py']
clip_len = 32
segment_len = 4
num_joints = 25
embed_dims = 128
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=24),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2),
    dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8,
         segment_len=segment_len),
    # target variants: joint (norm='segment'), joint + NAT (this),
    # motion (source='motion', norm='nat')
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
    backbone=dict(type='SkeletonTransformer', num_joints=num_joints,
                  num_frames=clip_len, segment_len=segment_len,
                  embed_dims=embed_dims, depth=4, num_heads=4),
    neck=dict(type='MaskTokenDecoder', in_channels=embed_dims,
              embed_dims=embed_dims, depth=2, num_heads=4,
              num_joints=num_joints, num_frames=clip_len,
              segment_len=segment_len, out_channels=segment_len * 3),
    head=dict(type='ReconstructionHead', loss=dict(type='MaskedMSELoss')),
    contrast_head=dict(type='ContrastiveHead',
                       loss=dict(type='InfoNCELoss', temperature=0.07,
                                 loss_weight=1e-4)),
    # paper: 65536 negatives; a small dataset needs a queue shorter than
    # the training set (here 8 batches of 32)
    queue_len=256,
    base_momentum=0.999, end_momentum=0.999)
custom_hooks = [
    dict(type='MomentumUpdateHook'),
    dict(type='KNNBankHook'),
]
