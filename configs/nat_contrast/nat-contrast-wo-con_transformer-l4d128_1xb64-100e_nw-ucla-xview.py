# Gong et al.'s ablations (Tables 5 and 6: "Ours w/o Con") on NW-UCLA:
# masked reconstruction of the joint target normalised by NAT (eq. 5)
# without the contrastive term, i.e. MAMP's model (no momentum encoder, no
# queue) trained with the data, augmentation and budget of
# nat-contrast_transformer-l4d128_1xb64-100e_nw-ucla-xview.py.
# Table 5's other rows: nat-contrast-wo-con-joint_* (joint target, eq. 4)
# and nat-contrast-wo-con-motion_* (motion target, eq. 6).
_base_ = ['../_base_/models/mamp_transformer_l4d128.py',
          '../_base_/datasets/nw_ucla_xview.py',
          '../_base_/schedules/mamp_adamw_cosine_100e.py',
          '../_base_/default_runtime.py']
model = dict(backbone=dict(num_joints=20), neck=dict(num_joints=20))
target_cfg = dict(_base_.target_cfg, source='joint', norm='nat')
body_axis_rotation = dict(type='RandomBodyAxisRotation', max_angle=0.7854)
# the augmented, masked clip; the rows differ in the target that follows
masked_clip = [*_base_.augment, body_axis_rotation, _base_.persons,
               _base_.mask_cfg]
train_dataloader = dict(batch_size=64, drop_last=True, dataset=dict(
    pipeline=[*masked_clip, target_cfg, _base_.pack_cfg]))
val_evaluator = test_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
custom_hooks = [dict(type='KNNBankHook')]
default_hooks = dict(checkpoint=dict(interval=25, max_keep_ckpts=2,
                                     save_best=None))
