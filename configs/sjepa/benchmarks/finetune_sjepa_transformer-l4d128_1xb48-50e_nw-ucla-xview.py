# MAMP's fine-tuning recipe for the 4 x 128 encoder on NW-UCLA
# (../../_base_/benchmarks/finetune_transformer_l4d128_nw_ucla_xview.py).
_base_ = [
    '../../_base_/benchmarks/finetune_transformer_l4d128_nw_ucla_xview.py'
]
