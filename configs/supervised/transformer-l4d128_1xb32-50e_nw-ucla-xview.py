# Supervised 4-layer x 128-wide SkeletonTransformer on NW-UCLA (views 1-2 ->
# view 3), T = 32 frames, a CPU-sized model.
_base_ = [
    '../_base_/models/skeleton_transformer.py',
    '../_base_/datasets/nw_ucla.py',
    '../_base_/schedules/adamw_warmup_cosine.py',
    '../_base_/default_runtime.py',
]
model = dict(
    backbone=dict(num_joints=20, num_frames=32, embed_dims=128, depth=4,
                  num_heads=4, drop_path_rate=0.1),
    cls_head=dict(num_classes=10, in_channels=128, dropout=0.3,
                  loss=dict(type='CrossEntropyLoss', label_smoothing=0.1)))
max_epochs = 50
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=3,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=47, eta_min=1e-5, by_epoch=True,
         begin=3, end=50, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=10)
default_hooks = dict(checkpoint=dict(interval=10))
