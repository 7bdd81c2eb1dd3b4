# Linear probe + kNN of the nat-contrast pretrained 4 x 128 encoder on the
# synthetic actions (25 joints, 2 actors, T = 32); weights from
#   python tools/model_converters/extract_backbone.py CKPT OUT.pth
#   python tools/train.py THIS_CONFIG --pretrained OUT.pth
_base_ = [
    '../../_base_/benchmarks/linear_probe_transformer_l4d128_synthetic_xsub.py'
]
