# Skeleton BYOL linear evaluation (Moliner et al. §4.3) without the data:
# frozen ST-GCN x1 online encoder + Linear, SGD lr 30 (x0.1 at 60, 80), 100
# epochs, batch 256 (4 x 64), conservative augmentation only; kNN retrieval
# of the same features (KNNMetric, bank = training split).
_base_ = [
    '../../_base_/models/linear_probe_stgcn.py',
    '../../_base_/schedules/byol_sgd_step_linear_probe.py',
    '../../_base_/default_runtime.py',
    '../_base_views.py',
]
probe_loader = dict(batch_size=64, num_workers=8)
custom_hooks = [dict(type='KNNBankHook')]
