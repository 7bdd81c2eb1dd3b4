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
_base_ = ['../_base_/models/skeleton_mae_sttformer_tiny.py',
          '../_base_/datasets/synthetic_xsub.py',
          '../_base_/schedules/adam_step_200e.py',
          '../_base_/default_runtime.py']
train_dataloader = dict(batch_size=16, drop_last=True, dataset=dict(pipeline=[
    *_base_.augment, _base_.persons, _base_.mask_cfg, *_base_.pretext]))
param_scheduler = [dict(_base_.param_scheduler[0], milestones=[9, 12])]
train_cfg = dict(max_epochs=15, val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
val_evaluator = test_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
custom_hooks = [dict(type='KNNBankHook')]
default_hooks = dict(checkpoint=dict(interval=5, max_keep_ckpts=2,
                                     save_best=None))
