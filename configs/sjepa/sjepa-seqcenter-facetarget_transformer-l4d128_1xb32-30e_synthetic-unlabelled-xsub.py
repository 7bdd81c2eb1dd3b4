# S-JEPA on the synthetic data with an unlabelled pretraining pool
# (synthetic_xsub_unlabelled.py: the 672 xsub training sequences without
# labels plus 64 generated subjects outside both splits, 6,048 sequences;
# each epoch reads the next 672), with the sequence centring and the
# camera-facing target view of the NW-UCLA config
# sjepa-seqcenter-facetarget_transformer-l4d128_1xb64-100e_nw-ucla-xview.py
# (neither in the paper). Schedule, model and probes as the main job's
# sjepa_transformer-l4d128_1xb32-30e_synthetic-xsub.py: 630 steps of 32.
# Probes and the kNN bank use the labelled xsub_train; see
# docs/synthetic_data.md for what it measured.
_base_ = ['../_base_/models/sjepa_transformer_l4d128.py',
          '../_base_/datasets/synthetic_xsub_unlabelled.py',
          '../_base_/schedules/mamp_adamw_cosine_30e.py',
          '../_base_/default_runtime.py']
model = dict(base_momentum=0.98, head=dict(sequence_centering=True))
train_dataloader = dict(batch_size=32, drop_last=True, dataset=dict(pipeline=[
    *_base_.augment, _base_.persons,
    dict(type='RandomBodyAxisRotation', max_angle=0., face_camera=True),
    _base_.mask_cfg, *_base_.pretext]))
val_evaluator = test_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
custom_hooks = [*_base_.custom_hooks, dict(type='KNNBankHook')]
default_hooks = dict(checkpoint=dict(interval=10, save_best=None))
# downstream protocols of tools/benchmark.py: the labelled xsub data
_bench = 'benchmarks/{}_sjepa_transformer-{}_synthetic-xsub.py'
benchmarks = {
    'linear-probe': _bench.format('linear-probe', 'l4d128_1xb64-100e'),
    'finetune': _bench.format('finetune', 'l4d128_1xb48-30e'),
    'distill': _bench.format('distill', 'l4d128-to-l2d64_1xb48-30e'),
}
