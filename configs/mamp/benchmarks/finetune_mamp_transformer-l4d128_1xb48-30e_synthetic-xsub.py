# MAMP's fine-tuning recipe for the 4 x 128 encoder on the synthetic data
# (../../_base_/benchmarks/finetune_transformer_l4d128_synthetic_xsub.py).
_base_ = [
    '../../_base_/benchmarks/finetune_transformer_l4d128_synthetic_xsub.py'
]
