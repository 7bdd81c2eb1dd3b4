# Gong et al. (AAAI'24) on NW-UCLA (views 1-2, 20 joints, 1 actor, T = 32):
# masked joint reconstruction with the NAT target + InfoNCE against a
# momentum encoder (mu = 0.999) on the unmasked sequence with a queue,
# L = L_r + 1e-4 L_c. 4 x 128 encoder, 2 x 128 decoder.
# CPU budget: 100 epochs x 15 iterations (15-16 min on 2 cores unshared, about
# MAMP's 150 epochs: this step also runs the full-sequence EMA encoder).
_base_ = ['../_base_/models/nat_contrast_transformer_l4d128.py',
          '../_base_/datasets/nw_ucla_xview.py',
          '../_base_/schedules/mamp_adamw_cosine_100e.py',
          '../_base_/default_runtime.py']
# paper 65536; NW-UCLA has ~1k training clips: 10 batches of negatives
model = dict(backbone=dict(num_joints=20), neck=dict(num_joints=20),
             queue_len=640)
# NW-UCLA's test camera is new: +-45 deg about the body's vertical axis
# (README: +9 linear / +5 1-NN, two-seed means, over the Euler rotation alone)
body_axis_rotation = dict(type='RandomBodyAxisRotation', max_angle=0.7854)
train_dataloader = dict(batch_size=64, drop_last=True, dataset=dict(pipeline=[
    *_base_.augment, body_axis_rotation, _base_.persons, _base_.mask_cfg,
    *_base_.pretext]))
val_evaluator = test_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
custom_hooks = [*_base_.custom_hooks, dict(type='KNNBankHook')]
default_hooks = dict(checkpoint=dict(interval=25, max_keep_ckpts=2,
                                     save_best=None))
