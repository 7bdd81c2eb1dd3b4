# SkeletonMAE on the built-in synthetic actions (nturgb+d layout, 25 joints,
# 2 actor slots, T = 32 in tuples of 4 frames), sized to run in ~10 CPU
# minutes: the tiny STTFormer encoder / decoder of the NW-UCLA configs
# (4 blocks 32-32-64-64, qkv 8-8-16-16; decoder 64 x 2), masking as the paper
# (frame ratio 0.5 then joint ratio 0.5, random joints), raw-coordinate
# target with the MSE on the masked entries (MAE-style, as the NW-UCLA
# configs: the paper's loss on all entries is `model.loss_on='all'`).
# Adam lr 5e-3, wd 1e-4 (the paper's), batch 16, 15 epochs = 630 steps,
# x0.1 at 9 / 12. The STTFormer keeps every tuple joint (no token
# dropping): with two actor slots of 25 joints a step costs ~3x an
# NW-UCLA step; the 64-128-wide encoder took ~9 s per step of 32 here.
_base_ = [
    '../_base_/models/skeleton_mae_sttformer_tiny.py',
    '../_base_/datasets/synthetic.py',
    '../_base_/default_runtime.py',
]
clip_len = 32
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
train_dataloader = dict(batch_size=16, drop_last=True,
                        dataset=dict(pipeline=train_pipeline))
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='Adam', lr=0.005,
                                    weight_decay=1e-4))
param_scheduler = [dict(type='MultiStepLR', milestones=[9, 12],
                        gamma=0.1, by_epoch=True)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=15,
                 val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
val_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
test_evaluator = val_evaluator
custom_hooks = [
    dict(type='KNNBankHook')
]
default_hooks = dict(checkpoint=dict(interval=5, max_keep_ckpts=2,
                                     save_best=None))
