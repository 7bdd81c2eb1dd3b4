# SkeletonMAE linear evaluation, without the data. The paper reports
# fine-tuning only (its linear numbers are quoted by S-JEPA without a
# protocol); this is MAMP's linear protocol (frozen encoder, mean pool,
# BN without affine + Linear, SGD lr 0.1 cosine, 100 epochs, plus kNN
# retrieval) on the pretrained STTFormer, on clips of T = 20 frames in
# tuples of 4 as the pretraining. The linear-probe_sttformer_2xb128-100e_
# <dataset>.py configs add a dataset base of the nturgb+d layout.
# --pretrained from extract_backbone.py.
_base_ = [
    '../../_base_/models/linear_probe_sttformer.py',
    '../../_base_/schedules/sgd_cosine_linear_probe.py',
    '../../_base_/default_runtime.py',
]
knn_metric = dict(type='KNNMetric', topk=(1, 20))
custom_hooks = [dict(type='KNNBankHook')]
# the datasets' pipelines with clips of 20 frames, as loader overrides
clip20_train = dict(dataset=dict(pipeline=[
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=20, ratio_range=(0.5, 1.),
         min_len=64),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2),
    dict(type='PackSkeletonInputs'),
]))
clip20_test = dict(dataset=dict(pipeline=[
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=20, test_mode=True,
         test_ratio=0.95),
    dict(type='FormatPersons', num_persons=2),
    dict(type='PackSkeletonInputs'),
]))
