# SkeletonMAE linear evaluation on NTU60 X-Sub. The paper reports
# fine-tuning only (its linear numbers are quoted by S-JEPA without a
# protocol); this is MAMP's linear protocol (frozen encoder, mean pool,
# BN without affine + Linear, SGD lr 0.1 cosine, 100 epochs) on the
# pretrained STTFormer (T = 20 in tuples of 4, as the pretraining config).
# --pretrained from extract_backbone.py.
_base_ = ['../../mamp/benchmarks/linear-probe_transformer_2xb128-100e_'
          'ntu60-xsub.py']
clip_len = 20
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=64),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2),
    dict(type='PackSkeletonInputs'),
]
test_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, test_mode=True,
         test_ratio=0.95),
    dict(type='FormatPersons', num_persons=2),
    dict(type='PackSkeletonInputs'),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
model = dict(
    backbone=dict(
        _delete_=True, type='STTFormer', layout='nturgb+d', len_parts=4,
        mask_token=True, frozen_stages=8, norm_eval=True,
        init_cfg=dict(type='Pretrained', checkpoint='', prefix='backbone.')),
    cls_head=dict(in_channels=256))
