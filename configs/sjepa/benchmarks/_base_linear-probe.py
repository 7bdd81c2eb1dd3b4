# S-JEPA linear evaluation, without the data: as MAMP's protocol (frozen
# 8 x 256 encoder, BN without affine + Linear, SGD m 0.9, lr 0.1 cosine ->
# 0, batch 128 x 2 GPUs, plus kNN retrieval) but 300 epochs and a 0.9
# centre crop for testing. Use the target encoder: extract_backbone.py
# picks it automatically. The linear-probe_transformer_2xb128-300e_
# <dataset>.py configs add a dataset base of the nturgb+d layout.
_base_ = [
    '../../_base_/models/linear_probe_transformer.py',
    '../../_base_/schedules/sgd_cosine_linear_probe.py',
    '../../_base_/default_runtime.py',
]
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=300, eta_min=0., by_epoch=True,
         begin=0, end=300, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=300)
knn_metric = dict(type='KNNMetric', topk=(1, 20))
custom_hooks = [dict(type='KNNBankHook')]
probe_test_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=120, test_mode=True,
         test_ratio=0.9),
    dict(type='FormatPersons', num_persons=2),
    dict(type='PackSkeletonInputs'),
]
