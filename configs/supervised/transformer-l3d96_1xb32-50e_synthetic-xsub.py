# Supervised 3-layer x 96-wide SkeletonTransformer on the built-in
# synthetic actions (cross-subject), T = 32 frames: the README's main job
# (a few CPU minutes).
_base_ = [
    '../_base_/models/skeleton_transformer.py',
    '../_base_/datasets/synthetic_xsub.py',
    '../_base_/schedules/adamw_warmup_cosine.py',
    '../_base_/default_runtime.py',
]
model = dict(
    backbone=dict(num_frames=32, embed_dims=96, depth=3, num_heads=4,
                  drop_path_rate=0.1),
    cls_head=dict(num_classes=_base_.num_classes, in_channels=96,
                  dropout=0.3))
default_hooks = dict(checkpoint=dict(interval=10))
