# Gong et al. (AAAI'24) on NW-UCLA (views 1-2, 20 joints, 1 actor, T = 32):
# masked joint reconstruction with the NAT target + InfoNCE against a
# momentum encoder (mu = 0.999) on the unmasked sequence with a queue,
# L = L_r + 1e-4 L_c. 4 x 128 encoder, 2 x 128 decoder.
_base_ = ['../mamp/mamp_transformer-l4d128_1xb64-150e_nw-ucla-xview.py']
clip_len = 32
segment_len = 4
num_joints = 20
embed_dims = 128
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=16),
    dict(type='RandomEulerRotation', theta=0.3),
    # NW-UCLA's test camera is new: +-45 deg about the body's vertical axis
    # (README: +9 linear / +5 1-NN, two-seed means, over the Euler rotation alone)
    dict(type='RandomBodyAxisRotation', max_angle=0.7854),
    dict(type='FormatPersons', num_persons=1),
    dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8,
         segment_len=segment_len),
    # joint (norm='segment') / joint + NAT (this) / motion (source='motion')
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
    # paper 65536; NW-UCLA has ~1k training clips: 10 batches of negatives
    queue_len=640,
    base_momentum=0.999, end_momentum=0.999)
custom_hooks = [
    dict(type='MomentumUpdateHook'),
    dict(type='KNNBankHook'),
]
# CPU budget: 100 epochs x 15 iterations (15-16 min on 2 cores unshared, about
# MAMP's 150 epochs: this step also runs the full-sequence EMA encoder).
max_epochs = 100
warmup_epochs = 10
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=5e-4, by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
