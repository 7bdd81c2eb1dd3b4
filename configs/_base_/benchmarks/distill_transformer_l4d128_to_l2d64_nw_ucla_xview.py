# The transformer distillation (distill_transformer_l4d128_to_l2d64.py) on
# NW-UCLA (views 1-2 -> 3; 20 joints, one actor, T = 32; 10 classes):
# teacher = the model of finetune_transformer_l4d128_nw_ucla_xview.py,
# batch 48, 50 epochs (the teacher's CPU budget), 5 warm-up.
_base_ = [
    './distill_transformer_l4d128_to_l2d64.py',
    '../datasets/nw_ucla_xview.py'
]
max_epochs = 50
warmup_epochs = 5
model = dict(
    teacher=dict(backbone=dict(num_joints=20),
                 cls_head=dict(num_classes=_base_.num_classes,
                               in_channels=20 * _base_.teacher_dims)),
    student=dict(backbone=dict(num_joints=20),
                 cls_head=dict(num_classes=_base_.num_classes,
                               in_channels=20 * _base_.student_dims)))
train_dataloader = dict(batch_size=48)
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min_ratio=_base_.min_lr / _base_.base_lr, by_epoch=True,
         begin=warmup_epochs, end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
