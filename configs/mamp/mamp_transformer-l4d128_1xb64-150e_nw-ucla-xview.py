# MAMP pretraining of the CPU-sized 4 x 128 SkeletonTransformer on NW-UCLA
# (views 1-2, 20 joints, 1 actor, T = 32 -> 8 x 20 tokens, 16 visible).
# Masking / target / loss / optimiser as MAMP (methods.md 1.3-1.4); decoder
# 2 x 128. kNN (train bank -> view 3) monitors the encoder every 25 epochs.
# Downstream: benchmarks/linear-probe_*_nw-ucla-xview.py on the weights of
#   python tools/model_converters/extract_backbone.py CKPT OUT.pth
_base_ = [
    '../_base_/models/mamp_transformer_l4d128.py',
    '../_base_/datasets/nw_ucla_xview.py',
    '../_base_/schedules/mamp_adamw_cosine_150e.py',
    '../_base_/default_runtime.py',
]
model = dict(backbone=dict(num_joints=20), neck=dict(num_joints=20))
train_dataloader = dict(batch_size=64, drop_last=True, dataset=dict(pipeline=[
    *_base_.augment, _base_.persons, _base_.mask_cfg, *_base_.pretext]))
val_evaluator = test_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
custom_hooks = [dict(type='KNNBankHook')]
default_hooks = dict(checkpoint=dict(interval=25, max_keep_ckpts=2,
                                     save_best=None))
