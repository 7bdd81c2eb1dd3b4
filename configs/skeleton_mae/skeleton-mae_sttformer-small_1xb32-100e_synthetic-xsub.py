# SkeletonMAE on the synthetic actions (25 joints, 2 actors, T = 32 in
# tuples of 4 frames), CPU-sized STTFormer encoder / decoder.
_base_ = [
    '../_base_/datasets/synthetic.py',
    '../_base_/default_runtime.py',
]
clip_len = 32
small = [(64, 64, 16), (64, 64, 16), (64, 128, 32), (128, 128, 32)]
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=24),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2),
    dict(type='SpatioTemporalMasking', frame_ratio=0.5, joint_ratio=0.5,
         joint_mode='random'),
    dict(type='PackSkeletonInputs', algorithm_keys=('mask', )),
]
train_dataloader = dict(batch_size=32, drop_last=True,
                        dataset=dict(pipeline=train_pipeline))
model = dict(
    type='SkeletonMAE',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(type='STTFormer', layout='nturgb+d', len_parts=4,
                  config=small, mask_token=True),
    decoder=dict(type='STTFormer', layout='nturgb+d', len_parts=4,
                 in_channels=128, embed_dims=128, depth=3),
    head=dict(type='ReconstructionHead', loss=dict(type='MaskedMSELoss')),
    loss_on='all')
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='Adam', lr=0.005,
                                    weight_decay=1e-4))
param_scheduler = [dict(type='MultiStepLR', milestones=[60, 80],
                        gamma=0.1, by_epoch=True)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100,
                 val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
val_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
test_evaluator = val_evaluator
custom_hooks = [
    dict(type='KNNBankHook')
]
default_hooks = dict(checkpoint=dict(interval=10, save_best=None))
