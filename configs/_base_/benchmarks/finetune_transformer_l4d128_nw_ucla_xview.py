# MAMP's fine-tuning recipe (finetune_transformer.py) for the CPU-sized
# 4 x 128 SkeletonTransformer on NW-UCLA (views 1-2 -> 3; 20 joints, one
# actor, T = 32): head Linear(20 * 128, 2048), batch 48 on one process,
# 50 epochs (CPU budget; the supervised baseline's length), 5 warm-up.
_base_ = ['./finetune_transformer.py', '../datasets/nw_ucla_xview.py']
max_epochs = 50
warmup_epochs = 5
model = dict(
    backbone=dict(num_joints=20, num_frames=32, embed_dims=128, depth=4,
                  num_heads=4),
    cls_head=dict(num_classes=_base_.num_classes, in_channels=20 * 128))
train_dataloader = dict(batch_size=48)
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min_ratio=_base_.min_lr / _base_.base_lr, by_epoch=True,
         begin=warmup_epochs, end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
