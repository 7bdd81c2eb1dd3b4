# Linear probe + kNN retrieval of a (pre)trained 4 x 128 SkeletonTransformer
# on NW-UCLA (views 1-2 -> 3). Give the weights on the command line:
#   python tools/train.py THIS_CONFIG --pretrained PRETRAIN.pth \
#       [--pretrained-prefix backbone.]
# A random-init baseline of the same architecture:
#   python tools/train.py THIS_CONFIG \
#       --cfg-options model.backbone.init_cfg=None
_base_ = [
    '../../_base_/benchmarks/'
    'linear_probe_transformer_l4d128_nw_ucla_xview.py'
]
