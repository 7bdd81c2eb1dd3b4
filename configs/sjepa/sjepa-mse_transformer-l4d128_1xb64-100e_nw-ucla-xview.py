# S-JEPA ablation (paper Table 5, row 4) on NW-UCLA: mean squared error
# between predicted and (centred) target representations instead of the
# softmax cross-entropy. All else as
# sjepa_transformer-l4d128_1xb64-100e_nw-ucla-xview.py.
_base_ = ['./sjepa_transformer-l4d128_1xb64-100e_nw-ucla-xview.py']
model = dict(head=dict(loss=dict(_delete_=True, type='LatentMSELoss')))
