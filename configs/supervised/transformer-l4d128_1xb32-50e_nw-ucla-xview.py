# Supervised 4-layer x 128-wide SkeletonTransformer on NW-UCLA (views 1-2 ->
# view 3), T = 32 frames, a CPU-sized model.
_base_ = [
    '../_base_/models/skeleton_transformer.py',
    '../_base_/datasets/nw_ucla_xview.py',
    '../_base_/schedules/adamw_warmup_cosine.py',
    '../_base_/default_runtime.py',
]
model = dict(
    backbone=dict(num_joints=20, num_frames=32, embed_dims=128, depth=4,
                  num_heads=4, drop_path_rate=0.1),
    cls_head=dict(num_classes=_base_.num_classes, in_channels=128,
                  dropout=0.3,
                  loss=dict(type='CrossEntropyLoss', label_smoothing=0.1)))
default_hooks = dict(checkpoint=dict(interval=10))
