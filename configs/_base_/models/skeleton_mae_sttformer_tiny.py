# SkeletonMAE with a CPU-sized STTFormer (the CPU-budget configs): encoder of
# 4 blocks 32-32-64-64 (qkv 8-8-16-16, 3 heads), tuples of 4 frames, masked
# entries replaced by a learnable mask token; decoder STTFormer 64 x 2 on
# the encoder's tuple features + 1x1 conv to xyz; MSE on the masked entries
# (MAE-style; the paper's loss on all entries is loss_on='all').
# Set the layout of backbone and decoder to the dataset's.
_base_ = ['./skeleton_mae_sttformer.py']
tiny = [(32, 32, 8), (32, 32, 8), (32, 64, 16), (64, 64, 16)]
model = dict(
    backbone=dict(config=tiny),
    decoder=dict(in_channels=64, embed_dims=64, depth=2),
    loss_on='masked')
