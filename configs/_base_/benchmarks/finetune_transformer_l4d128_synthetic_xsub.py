# MAMP's fine-tuning recipe (finetune_transformer.py) for the 4 x 128
# SkeletonTransformer on the built-in synthetic data (25 joints, 2 actors,
# T = 32): head Linear(25 * 128, 2048), batch 48 on one process, 30
# epochs, 5 warm-up.
_base_ = ['./finetune_transformer.py', '../datasets/synthetic_xsub.py']
max_epochs = 30
warmup_epochs = 5
model = dict(
    backbone=dict(num_frames=32, embed_dims=128, depth=4, num_heads=4),
    cls_head=dict(num_classes=_base_.num_classes, in_channels=25 * 128))
train_dataloader = dict(batch_size=48)
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min_ratio=_base_.min_lr / _base_.base_lr, by_epoch=True,
         begin=warmup_epochs, end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
