# MAMP's MAE baseline on NTU60 X-Sub: uniform masking 0.9, joint target
# with per-segment normalisation; recipe as MAMP.
_base_ = ['./mamp_transformer_4xb32-400e_ntu60-xsub.py']
model = dict(type='MAE')
train_dataloader = dict(dataset=dict(
    pipeline=[*_base_.ssl_head, *_base_.mae_pretext]))
