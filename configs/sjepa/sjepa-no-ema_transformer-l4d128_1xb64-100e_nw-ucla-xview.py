# S-JEPA ablation (paper Table 5, row 2) on NW-UCLA: no momentum update of
# the target encoder (lambda = 0: after every step its weights are those of
# the view encoder, still without gradient). The paper reports a collapse
# to a constant prediction. All else as
# sjepa_transformer-l4d128_1xb64-100e_nw-ucla-xview.py.
_base_ = ['./sjepa_transformer-l4d128_1xb64-100e_nw-ucla-xview.py']
model = dict(base_momentum=0., end_momentum=0.)
