# MAMP pretraining of the CPU-sized 4 x 128 SkeletonTransformer on NW-UCLA
# (views 1-2, 20 joints, 1 actor, T = 32 -> 8 x 20 tokens, 16 visible).
# Masking / target / loss / optimiser as MAMP (methods.md 1.3-1.4); decoder
# 2 x 128. kNN (train bank -> view 3) monitors the encoder every 25 epochs.
# Downstream: benchmarks/linear-probe_*_nw-ucla-xview.py on the weights of
#   python tools/model_converters/extract_backbone.py CKPT OUT.pth
_base_ = [
    '../_base_/datasets/nw_ucla.py',
    '../_base_/default_runtime.py',
]
clip_len = 32
segment_len = 4
num_joints = 20
embed_dims = 128
mask_cfg = dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8,
                segment_len=segment_len)
target_cfg = dict(type='GenerateReconstructionTarget', source='motion',
                  norm='segment', segment_len=segment_len)
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=16),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=1),
    mask_cfg,
    target_cfg,
    dict(type='PackSkeletonInputs',
         algorithm_keys=('ids_keep', 'ids_masked', 'ids_restore', 'mask',
                         'target')),
]
train_dataloader = dict(batch_size=64, drop_last=True,
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

max_epochs = 150
warmup_epochs = 10
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
                 val_interval=25)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
val_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
test_evaluator = val_evaluator
custom_hooks = [
    dict(type='KNNBankHook')
]
default_hooks = dict(checkpoint=dict(interval=25, max_keep_ckpts=2,
                                     save_best=None))
