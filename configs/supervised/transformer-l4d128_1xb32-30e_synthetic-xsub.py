# Supervised 4-layer x 128-wide SkeletonTransformer on the built-in
# synthetic actions (cross-subject), T = 32 frames. A few CPU minutes.
_base_ = [
    '../_base_/models/skeleton_transformer.py',
    '../_base_/datasets/synthetic.py',
    '../_base_/schedules/adamw_warmup_cosine.py',
    '../_base_/default_runtime.py',
]
model = dict(
    backbone=dict(num_frames=32, embed_dims=128, depth=4, num_heads=4,
                  drop_path_rate=0.1),
    cls_head=dict(num_classes=14, in_channels=128, dropout=0.3))
train_cfg = dict(max_epochs=30, val_interval=5)
default_hooks = dict(checkpoint=dict(interval=5))
