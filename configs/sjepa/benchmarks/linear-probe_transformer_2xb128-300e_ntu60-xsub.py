# S-JEPA linear evaluation on NTU60 X-Sub: as MAMP's protocol but 300
# epochs (batch 256, SGD m 0.9, lr 0.1 cosine -> 0, test crop 0.9). Use
# the target encoder: extract_backbone.py picks it automatically.
_base_ = ['../../mamp/benchmarks/linear-probe_transformer_2xb128-100e_'
          'ntu60-xsub.py']
test_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=120, test_mode=True,
         test_ratio=0.9),
    dict(type='FormatPersons', num_persons=2),
    dict(type='PackSkeletonInputs'),
]
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=300, eta_min=0., by_epoch=True,
         begin=0, end=300, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=300)
