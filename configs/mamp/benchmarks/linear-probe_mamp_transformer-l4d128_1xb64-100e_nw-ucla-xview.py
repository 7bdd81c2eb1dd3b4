# Linear probe + kNN of the mamp pretrained 4 x 128 encoder on NW-UCLA
# (views 1-2 -> 3); MAMP protocol (frozen encoder, BN without affine +
# Linear, SGD lr 0.1 cosine, 100 epochs). Extract the encoder first:
#   python tools/model_converters/extract_backbone.py \
#       work_dirs/<pretrain>/epoch_200.pth mamp_backbone.pth
#   python tools/train.py THIS_CONFIG --pretrained mamp_backbone.pth
_base_ = [
    '../../_base_/benchmarks/linear_probe_transformer_l4d128_nw_ucla_xview.py'
]
