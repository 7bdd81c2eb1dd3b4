# Fine-tuning from scratch: MAMP's fine-tuning recipe on NTU60 X-Sub from
# a random initialisation, without layer-wise lr decay (MAMP:
# --layer_decay 1.0 without --finetune).
_base_ = ['./finetune_transformer_2xb24-100e_ntu60-xsub.py']
model = dict(backbone=dict(init_cfg=None))
optim_wrapper = dict(paramwise_cfg=dict(layer_decay_rate=1.0))
