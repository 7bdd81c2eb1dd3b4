# Linear probe + kNN retrieval of a (pre)trained 4 x 128 SkeletonTransformer
# on the built-in synthetic data (cross-subject). Give the weights with
#   python tools/train.py THIS_CONFIG --pretrained PRETRAIN.pth
_base_ = [
    '../../_base_/benchmarks/'
    'linear_probe_transformer_l4d128_synthetic_xsub.py'
]
