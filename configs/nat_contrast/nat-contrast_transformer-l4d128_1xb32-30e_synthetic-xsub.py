# Gong et al. (AAAI'24) on the built-in synthetic actions: masked joint
# reconstruction with the NAT target (eq. 5) + InfoNCE of the online
# visible-token GAP against a momentum encoder (whole unmasked sequence)
# with a queue, L = L_r + 1e-4 L_c. 4 x 128 SkeletonTransformer, T = 32;
# data, schedule and kNN monitor as MAMP's synthetic config.
_base_ = ['../_base_/models/nat_contrast_transformer_l4d128.py',
          '../_base_/datasets/synthetic_xsub.py',
          '../_base_/schedules/mamp_adamw_cosine_30e.py',
          '../_base_/default_runtime.py']
# paper: 65536 negatives; a small dataset needs a queue shorter than the
# training set (here 8 batches of 32)
model = dict(queue_len=256)
train_dataloader = dict(batch_size=32, drop_last=True, dataset=dict(pipeline=[
    *_base_.augment, _base_.persons, _base_.mask_cfg, *_base_.pretext]))
val_evaluator = test_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
custom_hooks = [*_base_.custom_hooks, dict(type='KNNBankHook')]
default_hooks = dict(checkpoint=dict(interval=10, save_best=None))
