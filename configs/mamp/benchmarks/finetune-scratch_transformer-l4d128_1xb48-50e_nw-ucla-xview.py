# Fine-tuning from scratch: MAMP's fine-tuning recipe for the 4 x 128
# encoder on NW-UCLA from a random initialisation, without layer-wise lr
# decay (MAMP: --layer_decay 1.0 without --finetune).
_base_ = [
    '../../_base_/benchmarks/finetune_transformer_l4d128_nw_ucla_xview.py'
]
model = dict(backbone=dict(init_cfg=None))
optim_wrapper = dict(paramwise_cfg=dict(layer_decay_rate=1.0))
