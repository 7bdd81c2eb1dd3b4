# Gong et al. linear evaluation ("follow MAMP"), without the data: the
# frozen 8 x 256 online encoder, BN (no affine) + Linear on the features
# pooled over actors, frames and joints, SGD m 0.9 lr 0.1, cosine to 0,
# 100 epochs, batch 128 x 2 GPUs, plus kNN retrieval (train bank -> test).
# The linear-probe_nat-contrast_transformer_*_<dataset>.py configs add a
# dataset base (crop [0.5, 1] + rotation for training, 0.95 centre crop for
# testing). Weights: --pretrained from extract_backbone.py (the online
# encoder).
_base_ = [
    '../../_base_/models/linear_probe_transformer.py',
    '../../_base_/schedules/sgd_cosine_linear_probe.py',
    '../../_base_/default_runtime.py',
]
knn_metric = dict(type='KNNMetric', topk=(1, 20))
# kNN bank: the training split through the test pipeline
custom_hooks = [dict(type='KNNBankHook')]
