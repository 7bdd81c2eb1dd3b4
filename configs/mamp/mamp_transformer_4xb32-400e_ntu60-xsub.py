# MAMP (Mao et al., ICCV'23), official recipe (methods.md 1.3-1.4):
# SkeletonTransformer 8 x 256 (8 heads, segments of 4 frames, T = 120 ->
# 30 x 25 = 750 tokens), motion-aware masking 0.9 with tau 0.8 (0.75 on
# NTU120), motion target with per-segment normalisation, masked MSE;
# decoder 256 wide, depth 3 (NTU60) / 5 (NTU120, PKU). AdamW (0.9, 0.95),
# wd 0.05, lr 1e-3, 20 warm-up epochs, cosine to 5e-4, 400 epochs,
# batch 32 x 4 GPUs. Data: crop ratio U[0.5, 1] (>= 64 frames) resized to
# 120, random rotation +-0.3 rad, 2 actors (NTU60: zero padding).
_base_ = ['../_base_/default_runtime.py']
dataset_type = 'SkeletonDataset'
ann_file = 'data/ntu60/ntu60_3danno.pkl'
clip_len = 120
segment_len = 4
algorithm_keys = ('ids_keep', 'ids_masked', 'ids_restore', 'mask', 'target')
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=64),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2, mode='zero'),
    dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8,
         segment_len=segment_len),
    dict(type='GenerateReconstructionTarget', source='motion',
         norm='segment', segment_len=segment_len),
    dict(type='PackSkeletonInputs', algorithm_keys=algorithm_keys),
]
train_dataloader = dict(
    batch_size=32,
    num_workers=10,
    persistent_workers=True,
    drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type=dataset_type, ann_file=ann_file, split='xsub_train',
                 pipeline=train_pipeline))

model = dict(
    type='MAMP',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(type='SkeletonTransformer', num_joints=25,
                  num_frames=clip_len, segment_len=segment_len,
                  embed_dims=256, depth=8, num_heads=8),
    neck=dict(type='MaskTokenDecoder', in_channels=256, embed_dims=256,
              depth=3, num_heads=8, num_joints=25, num_frames=clip_len,
              segment_len=segment_len, out_channels=segment_len * 3),
    head=dict(type='ReconstructionHead', loss=dict(type='MaskedMSELoss')))

max_epochs = 400
warmup_epochs = 20
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-3, betas=(0.9, 0.95),
                   weight_decay=0.05),
    paramwise_cfg=dict(norm_decay_mult=0., bias_decay_mult=0.,
                       custom_keys={'pos_embed': dict(decay_mult=0.)}))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-4, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=5e-4, by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs)
default_hooks = dict(checkpoint=dict(interval=20, max_keep_ckpts=3,
                                     save_best=None))
find_unused_parameters = True  # as MAMP's DDP
auto_scale_lr = dict(enable=False, base_batch_size=128)
