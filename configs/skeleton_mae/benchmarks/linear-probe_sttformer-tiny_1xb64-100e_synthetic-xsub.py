# Linear probe + kNN retrieval of the SkeletonMAE synthetic encoder (the
# tiny STTFormer of skeleton-mae[-nat]_sttformer-tiny_1xb16-15e_synthetic-
# xsub.py: nturgb+d layout, 2 actor slots, T = 32 in tuples of 4) on the
# cross-subject split: MAMP's protocol (frozen encoder, mean pool, BN
# without affine + Linear, SGD lr 0.1 cosine, 100 epochs). Extract the
# encoder first:
#   python tools/model_converters/extract_backbone.py \
#       work_dirs/<pretrain>/epoch_15.pth skmae_backbone.pth
#   python tools/train.py THIS_CONFIG --pretrained skmae_backbone.pth
_base_ = [
    '../../supervised/benchmarks/'
    'linear-probe_transformer-l4d128_1xb64-100e_synthetic-xsub.py'
]
model = dict(
    backbone=dict(
        _delete_=True, type='STTFormer', layout='nturgb+d', len_parts=4,
        config=[(32, 32, 8), (32, 32, 8), (32, 64, 16), (64, 64, 16)],
        mask_token=True, frozen_stages=4, norm_eval=True,
        init_cfg=dict(type='Pretrained', checkpoint='', prefix='backbone.')),
    cls_head=dict(in_channels=64))
