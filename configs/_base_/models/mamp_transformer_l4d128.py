# MAMP with the CPU-sized encoder 4 x 128 (4 heads) and decoder 2 x 128 on
# clips of T = 32 frames (8 x V tokens); the nturgb+d layout's 25 joints
# (NW-UCLA configs set num_joints=20 in backbone and neck).
_base_ = ['./mamp_transformer.py']
model = dict(
    backbone=dict(num_frames=32, embed_dims=128, depth=4, num_heads=4),
    neck=dict(in_channels=128, embed_dims=128, depth=2, num_heads=4,
              num_frames=32))
