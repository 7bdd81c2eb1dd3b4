# Skeleton BYOL on the built-in synthetic actions (nturgb+d layout, 2
# actors, 3 cameras per performance) at CPU size (_base_cpu.py): multi-
# viewpoint sampling over performances, asymmetric T1 / T2 views of 32
# frames, ST-GCN x0.25; 10 epochs of batch 32 (warm-up 2). kNN monitor at the
# end.
_base_ = ['./_base_cpu.py', '../_base_/datasets/synthetic_xsub.py']
persons = dict(type='FormatPersons', num_persons=2, mode='zero')
t1 = [_base_.normalize, _base_.resample, _base_.cpu_crop, _base_.cpu_filter,
      _base_.cpu_shear, _base_.cpu_shift, *_base_.streams,
      dict(type='RandomSideDrop', p=0.5), persons]
t2 = [_base_.normalize, _base_.resample, _base_.cpu_crop, *_base_.streams,
      persons]
test_pipeline = [_base_.normalize, _base_.cpu_test_crop, *_base_.streams,
                 persons, _base_.pack]
max_epochs = 10
warmup_epochs = 2
optim_wrapper = dict(optimizer=dict(lr=0.1))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=0., by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=10)
train_dataloader = dict(batch_size=32, drop_last=True, dataset=dict(
    _delete_=True, type='MultiViewpointDataset', iterate='performance',
    dataset=dict(_base_.train_dataloader.dataset, pipeline=[
        _base_.viewpoints, dict(type='MultiView', pipelines=[t1, t2]),
        _base_.pack])))
val_dataloader = test_dataloader = dict(dataset=dict(pipeline=test_pipeline))
val_evaluator = test_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
custom_hooks = [*_base_.custom_hooks, dict(type='KNNBankHook')]
