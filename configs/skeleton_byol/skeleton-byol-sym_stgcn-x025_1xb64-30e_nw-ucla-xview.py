# Skeleton BYOL ablation on NW-UCLA (Table 2, "only aggressive
# augmentation"): multi-viewpoint sampling over the performances, both views
# through the aggressive pipeline T1 (_base_nw-ucla.py).
_base_ = ['./_base_nw-ucla.py']
train_dataloader = dict(batch_size=64, drop_last=True, dataset=dict(
    _delete_=True, type='MultiViewpointDataset', iterate='performance',
    dataset=dict(_base_.train_dataloader.dataset, pipeline=[
        _base_.viewpoints, _base_.sym_views, _base_.pack])))
