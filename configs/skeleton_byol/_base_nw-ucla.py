# Skeleton BYOL on NW-UCLA (views 1-2, 20 joints, 1 actor) at CPU size
# (_base_cpu.py: ST-GCN x0.25, 32-frame views), without the choice of
# views: the skeleton-byol*_nw-ucla-xview.py configs pick the pipeline
# (asymmetric T1 / T2 or T1 twice) and whether an epoch iterates the
# performances (multi-viewpoint sampling: the two views from the two
# training cameras of a performance, with replacement) or the samples.
# 30 epochs of batch 64: 8 steps per epoch over the 542 performances (16
# over the 1,020 samples without multi-viewpoint sampling). Measured: 0.8 s
# per step on 2 unshared CPU cores, 3.5 min for the 240 steps with
# multi-viewpoint sampling (README, Results).
_base_ = ['./_base_cpu.py', '../_base_/datasets/nw_ucla_xview.py']
model = dict(backbone=dict(layout='nw-ucla', num_persons=1))
persons = dict(type='FormatPersons', num_persons=1)
t1 = [_base_.normalize, _base_.resample, _base_.cpu_crop, _base_.cpu_filter,
      _base_.cpu_shear, _base_.cpu_shift, *_base_.streams,
      dict(type='RandomSideDrop', p=0.5), persons]
t2 = [_base_.normalize, _base_.resample, _base_.cpu_crop, *_base_.streams,
      persons]
test_pipeline = [_base_.normalize, _base_.cpu_test_crop, *_base_.streams,
                 persons, _base_.pack]
asym_views = dict(type='MultiView', pipelines=[t1, t2])
sym_views = dict(type='MultiView', pipelines=[t1, t1])
max_epochs = 30
warmup_epochs = 5
optim_wrapper = dict(optimizer=dict(lr=0.1))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=0., by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=10)
val_dataloader = test_dataloader = dict(dataset=dict(pipeline=test_pipeline))
val_evaluator = test_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
custom_hooks = [*_base_.custom_hooks, dict(type='KNNBankHook')]
