# Distillation of the fine-tuned 4 x 128 encoder into a 2 x 64 student on the
# synthetic data, without labels
# (_base_/benchmarks/distill_transformer_l4d128_to_l2d64_synthetic_xsub.py;
# the teacher is the model of
# finetune_nat-contrast_transformer-l4d128_1xb48-30e_synthetic-xsub.py).
# tools/benchmark.py --protocols distill runs it.
_base_ = [
    '../../_base_/benchmarks/'
    'distill_transformer_l4d128_to_l2d64_synthetic_xsub.py'
]
