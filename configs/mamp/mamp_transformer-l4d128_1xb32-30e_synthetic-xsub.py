# MAMP pretraining (motion-aware masking 0.9 / tau 0.8, motion target with
# per-segment normalisation, masked MSE) of a 4 x 128 SkeletonTransformer on
# the built-in synthetic actions (25 joints, 2 actors, T = 32 -> 8 x 25
# tokens). kNN (train bank -> val) monitors the representation.
# 30 epochs = 630 steps of 32: 6.6 CPU minutes on 2 cores (README.md).
_base_ = [
    '../_base_/datasets/synthetic.py',
    '../_base_/default_runtime.py',
]
clip_len = 32
segment_len = 4
num_joints = 25
embed_dims = 128
mask_algorithm_keys = ('ids_keep', 'ids_masked', 'ids_restore', 'mask',
                       'target')
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=24),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2),
    dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8,
         segment_len=segment_len),
    dict(type='GenerateReconstructionTarget', source='motion',
         norm='segment', segment_len=segment_len),
    dict(type='PackSkeletonInputs', algorithm_keys=mask_algorithm_keys),
]
train_dataloader = dict(batch_size=32, drop_last=True,
                        dataset=dict(pipeline=train_pipeline))

model = dict(
    type='MAMP',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(type='SkeletonTransformer', num_joints=num_joints,
                  num_frames=clip_len, segment_len=segment_len,
                  embed_dims=embed_dims, depth=4, num_heads=4),
    neck=dict(type='MaskTokenDecoder', in_channels=embed_dims,
              embed_dims=embed_dims, depth=2, num_heads=4,
              num_joints=num_joints, num_frames=clip_len,
              segment_len=segment_len, out_channels=segment_len * 3),
    head=dict(type='ReconstructionHead', loss=dict(type='MaskedMSELoss')))

# MAMP optimiser (AdamW 0.9 / 0.95, wd 0.05, lr 1e-3 -> 5e-4), shortened
max_epochs = 30
warmup_epochs = 3
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-3, betas=(0.9, 0.95),
                   weight_decay=0.05),
    paramwise_cfg=dict(norm_decay_mult=0., bias_decay_mult=0.,
                       custom_keys={'pos_embed': dict(decay_mult=0.)}))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=5e-4, by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs,
                 val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')

# kNN monitor of the pooled encoder features (model.predict -> feat)
val_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
test_evaluator = val_evaluator
custom_hooks = [
    dict(type='KNNBankHook')
]
default_hooks = dict(checkpoint=dict(interval=10, save_best=None))
