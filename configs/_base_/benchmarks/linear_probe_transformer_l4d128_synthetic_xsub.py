# Linear probe + kNN retrieval of a (pre)trained 4 x 128 SkeletonTransformer
# on the built-in synthetic data (cross-subject). Give the weights with
#   python tools/train.py THIS_CONFIG --pretrained PRETRAIN.pth
_base_ = [
    '../models/linear_probe_transformer.py',
    '../datasets/synthetic_xsub.py',
    '../schedules/sgd_cosine_linear_probe.py',
    '../default_runtime.py',
]
model = dict(
    backbone=dict(num_frames=32, embed_dims=128, depth=4, num_heads=4,
                  frozen_stages=4),
    cls_head=dict(num_classes=_base_.num_classes, in_channels=128))
train_dataloader = dict(batch_size=64)
# kNN bank = training split through the test pipeline
val_evaluator = test_evaluator = [
    *_base_.val_evaluator, dict(type='KNNMetric', topk=(1, 20))]
custom_hooks = [dict(type='KNNBankHook')]
