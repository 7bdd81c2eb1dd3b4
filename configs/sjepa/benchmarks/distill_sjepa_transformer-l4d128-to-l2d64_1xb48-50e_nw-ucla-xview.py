# Distillation of the fine-tuned 4 x 128 encoder into a 2 x 64 student on
# NW-UCLA, without labels
# (_base_/benchmarks/distill_transformer_l4d128_to_l2d64_nw_ucla_xview.py;
# the teacher is the model of finetune_sjepa_transformer-l4d128_1xb48-50e_
# nw-ucla-xview.py). tools/benchmark.py --protocols distill runs it.
_base_ = [
    '../../_base_/benchmarks/'
    'distill_transformer_l4d128_to_l2d64_nw_ucla_xview.py'
]
