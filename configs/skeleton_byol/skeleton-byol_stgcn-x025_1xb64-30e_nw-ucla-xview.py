# Skeleton BYOL on NW-UCLA (views 1-2 -> 3) at CPU size (_base_nw-ucla.py):
# multi-viewpoint sampling over the performances (each filmed by both
# training cameras) and the asymmetric T1 / T2 views.
_base_ = ['./_base_nw-ucla.py']
train_dataloader = dict(batch_size=64, drop_last=True, dataset=dict(
    _delete_=True, type='MultiViewpointDataset', iterate='performance',
    dataset=dict(_base_.train_dataloader.dataset, pipeline=[
        _base_.viewpoints, _base_.asym_views, _base_.pack])))
