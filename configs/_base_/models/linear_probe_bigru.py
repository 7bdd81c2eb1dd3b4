# Linear probe of ISC's BiGRU sequence encoder (Thoker et al., the public
# code's action_classification.py): the frozen encoder (all 3 GRU layers,
# eval mode) gives the 2048-d last-step feature; one Linear layer (init
# N(0, 0.01), bias 0) on it, no normalisation. Pipelines: crop ratio
# U[0.5, 1] (>= 64 frames) resized to 64 for training, the 0.95 centre
# crop for testing (also the kNN bank and queries). Weights: --pretrained
# PRETRAIN.pth (backbone.* = the sequence query encoder).
model = dict(
    type='SkeletonRecognizer',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(
        type='BiGRU', layout='nturgb+d', num_persons=2, hidden_size=1024,
        num_layers=3, frozen_stages=3,
        init_cfg=dict(type='Pretrained', checkpoint='', prefix='backbone.')),
    neck=dict(type='SkeletonGlobalPool', person_pool='mean'),
    cls_head=dict(type='ClsHead', num_classes=60, in_channels=2048,
                  init_std=0.01),
    test_cfg=dict(output_feat=True))
probe_clip_len = 64
probe_normalize = [dict(type='AGCNNormalize')]
probe_persons = dict(type='FormatPersons', num_persons=2, mode='zero')
probe_train_pipeline = [
    *probe_normalize,
    dict(type='TemporalCropResize', clip_len=probe_clip_len,
         ratio_range=(0.5, 1.), min_len=64),
    probe_persons, dict(type='PackSkeletonInputs')]
probe_test_pipeline = [
    *probe_normalize,
    dict(type='TemporalCropResize', clip_len=probe_clip_len, test_mode=True,
         test_ratio=0.95),
    probe_persons, dict(type='PackSkeletonInputs')]
