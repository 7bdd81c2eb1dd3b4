# MAMP pretraining (motion-aware masking 0.9 / tau 0.8, motion target with
# per-segment normalisation, masked MSE) of a 4 x 128 SkeletonTransformer on
# the built-in synthetic actions (25 joints, 2 actors, T = 32 -> 8 x 25
# tokens). kNN (train bank -> val) monitors the representation.
# 30 epochs = 630 steps of 32: 6.6 CPU minutes on 2 cores (README.md).
_base_ = [
    '../_base_/models/mamp_transformer_l4d128.py',
    '../_base_/datasets/synthetic_xsub.py',
    '../_base_/schedules/mamp_adamw_cosine_30e.py',
    '../_base_/default_runtime.py',
]
train_dataloader = dict(batch_size=32, drop_last=True, dataset=dict(pipeline=[
    *_base_.augment, _base_.persons, _base_.mask_cfg, *_base_.pretext]))
# kNN monitor of the pooled encoder features (model.predict -> feat)
val_evaluator = test_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
custom_hooks = [dict(type='KNNBankHook')]
default_hooks = dict(checkpoint=dict(interval=10, save_best=None))
