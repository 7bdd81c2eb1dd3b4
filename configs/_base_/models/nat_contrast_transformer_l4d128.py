# Gong et al.'s model (nat_contrast_transformer.py) with the CPU-sized
# encoder 4 x 128 and decoder 2 x 128 of mamp_transformer_l4d128.py. The
# queue must be shorter than the training set (configs set queue_len).
_base_ = ['./nat_contrast_transformer.py']
model = dict(
    backbone=dict(num_frames=32, embed_dims=128, depth=4, num_heads=4),
    neck=dict(in_channels=128, embed_dims=128, depth=2, num_heads=4,
              num_frames=32))
