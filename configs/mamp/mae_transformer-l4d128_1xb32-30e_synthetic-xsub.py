# MAMP's MAE baseline on the synthetic actions (uniform masking 0.9, joint
# target with per-segment normalisation); everything else as
# mamp_transformer-l4d128_1xb32-30e_synthetic-xsub.py.
_base_ = ['./mamp_transformer-l4d128_1xb32-30e_synthetic-xsub.py']
model = dict(type='MAE')
train_dataloader = dict(dataset=dict(pipeline=[
    *_base_.augment, _base_.persons, *_base_.mae_pretext]))
