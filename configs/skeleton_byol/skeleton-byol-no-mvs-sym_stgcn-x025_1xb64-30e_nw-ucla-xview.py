# Baseline BYOL on NW-UCLA (Table 2, first rows: neither multi-viewpoint
# sampling nor asymmetric pipelines): an epoch iterates the samples, both
# views of the sample through the aggressive pipeline T1 (_base_nw-ucla.py).
_base_ = ['./_base_nw-ucla.py']
train_dataloader = dict(batch_size=64, drop_last=True, dataset=dict(
    pipeline=[_base_.sym_views, _base_.pack]))
