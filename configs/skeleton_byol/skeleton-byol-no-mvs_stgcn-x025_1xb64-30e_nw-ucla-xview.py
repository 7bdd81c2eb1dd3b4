# Skeleton BYOL ablation on NW-UCLA (Table 2, "without multi-viewpoint
# sampling"): an epoch iterates the samples and both views come from the
# sample itself; asymmetric T1 / T2 views (_base_nw-ucla.py).
_base_ = ['./_base_nw-ucla.py']
train_dataloader = dict(batch_size=64, drop_last=True, dataset=dict(
    pipeline=[_base_.asym_views, _base_.pack]))
