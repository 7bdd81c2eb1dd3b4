# The transformer distillation (distill_transformer_l4d128_to_l2d64.py) on
# the built-in synthetic data (25 joints, 2 actors, T = 32; 14 classes):
# teacher = the model of finetune_transformer_l4d128_synthetic_xsub.py,
# batch 48, 30 epochs.
_base_ = [
    './distill_transformer_l4d128_to_l2d64.py',
    '../datasets/synthetic_xsub.py'
]
model = dict(teacher=dict(cls_head=dict(num_classes=_base_.num_classes)),
             student=dict(cls_head=dict(num_classes=_base_.num_classes)))
train_dataloader = dict(batch_size=48)
