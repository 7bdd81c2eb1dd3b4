# Supervised 3-layer x 96-wide SkeletonTransformer on the built-in
# synthetic actions (cross-subject), T = 32 frames: the README's main job
# (a few CPU minutes).
_base_ = [
    '../_base_/models/skeleton_transformer.py',
    '../_base_/datasets/synthetic.py',
    '../_base_/schedules/adamw_warmup_cosine.py',
    '../_base_/default_runtime.py',
]
model = dict(
    backbone=dict(num_frames=32, embed_dims=96, depth=3, num_heads=4,
                  drop_path_rate=0.1),
    cls_head=dict(num_classes=14, in_channels=96, dropout=0.3))
max_epochs = 50
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=3,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=47, eta_min=1e-5, by_epoch=True,
         begin=3, end=50, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=10)
default_hooks = dict(checkpoint=dict(interval=10))
