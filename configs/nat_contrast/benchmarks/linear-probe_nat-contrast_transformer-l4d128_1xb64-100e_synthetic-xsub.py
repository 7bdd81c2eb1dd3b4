# Linear probe + kNN of the nat-contrast pretrained 4 x 128 encoder on the
# synthetic actions (25 joints, 2 actors, T = 32); weights from
#   python tools/model_converters/extract_backbone.py CKPT OUT.pth
#   python tools/train.py THIS_CONFIG --pretrained OUT.pth
_base_ = [
    '../../supervised/benchmarks/'
    'linear-probe_transformer-l4d128_1xb64-100e_synthetic-xsub.py'
]
