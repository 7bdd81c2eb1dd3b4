# ISC (BiGRU 2 x 128 + HCN, _base_cpu.py) on NW-UCLA (views 1-2 -> 3;
# 20 joints, 1 actor), 40 epochs x 15 steps of 64 (4-4.5 min on 2
# cores; README), lr x 0.1 at epoch 32; kNN monitor of the
# sequence query encoder.
_base_ = ['./_base_cpu.py', '../_base_/datasets/nw_ucla_xview.py']
# paper: 16,384 negatives; NW-UCLA has ~1k training clips: 10 batches
model = dict(
    backbone=dict(layout='nw-ucla', num_persons=1),
    cross_representation=dict(backbone=dict(layout='nw-ucla')),
    queue_len=640)
normalize = [dict(type='CenterSkeleton'),
             dict(type='FormatPersons', num_persons=1)]
train_dataloader = dict(batch_size=64, drop_last=True, dataset=dict(pipeline=[
    *normalize, _base_.isc_views_cpu, dict(type='PackSkeletonInputs')]))
val_dataloader = test_dataloader = dict(dataset=dict(pipeline=[
    *normalize,
    dict(type='TemporalCropResize', clip_len=_base_.cpu_clip_len,
         test_mode=True, test_ratio=0.95),
    dict(type='PackSkeletonInputs')]))
val_evaluator = test_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
custom_hooks = [*_base_.custom_hooks, dict(type='KNNBankHook')]
# lr 0.1 instead of the paper's 0.01 (_base_cpu.py): at this budget the
# ten times larger rate lifts the seed-0 linear probe of intra from 37.7
# to 48.9 (3 seeds: 47.6; random init 35.3), of inter from 34.3 to 42.9
# (README)
optim_wrapper = dict(optimizer=dict(lr=0.1))
max_epochs = 40
param_scheduler = [
    dict(type='MultiStepLR', milestones=[32], gamma=0.1, by_epoch=True,
         begin=0, end=max_epochs)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs,
                 val_interval=10)
default_hooks = dict(checkpoint=dict(interval=10, max_keep_ckpts=2,
                                     save_best=None))
