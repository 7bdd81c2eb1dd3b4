# S-JEPA with the CPU-sized encoders 4 x 128 (4 heads) and predictor
# 3 x 128 on clips of T = 32 frames. The EMA start (base_momentum) depends
# on the number of steps: configs set it (see configs/sjepa/README.md).
_base_ = ['./sjepa_transformer.py']
model = dict(
    backbone=dict(num_frames=32, embed_dims=128, depth=4, num_heads=4),
    neck=dict(in_channels=128, embed_dims=128, depth=3, num_heads=4,
              num_frames=32, out_channels=128),
    head=dict(embed_dims=128))
