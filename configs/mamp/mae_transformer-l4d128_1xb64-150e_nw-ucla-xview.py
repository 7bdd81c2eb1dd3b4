# MAMP's MAE baseline on NW-UCLA: uniform random masking (0.9) and the
# joint-coordinate target with per-segment normalisation; everything else
# as mamp_transformer-l4d128_1xb64-150e_nw-ucla-xview.py.
_base_ = ['./mamp_transformer-l4d128_1xb64-150e_nw-ucla-xview.py']
model = dict(type='MAE')
train_dataloader = dict(dataset=dict(pipeline=[
    *_base_.augment, _base_.persons, *_base_.mae_pretext]))
