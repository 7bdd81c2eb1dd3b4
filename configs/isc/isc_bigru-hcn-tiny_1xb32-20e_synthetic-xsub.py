# ISC (BiGRU 2 x 128 + HCN, _base_cpu.py) on the built-in synthetic
# actions (nturgb+d layout, 2 actor slots), 20 epochs x 21 steps of 32,
# lr x 0.1 at epoch 16; kNN monitor of the sequence query encoder.
_base_ = ['./_base_cpu.py', '../_base_/datasets/synthetic_xsub.py']
# paper: 16,384 negatives; the synthetic training split has 672 clips:
# 8 batches of 32
model = dict(queue_len=256)
normalize = [dict(type='AGCNNormalize'),
             dict(type='FormatPersons', num_persons=2, mode='zero')]
train_dataloader = dict(batch_size=32, drop_last=True, dataset=dict(pipeline=[
    *normalize, _base_.isc_views_cpu, dict(type='PackSkeletonInputs')]))
val_dataloader = test_dataloader = dict(dataset=dict(pipeline=[
    *normalize,
    dict(type='TemporalCropResize', clip_len=_base_.cpu_clip_len,
         test_mode=True, test_ratio=0.95),
    dict(type='PackSkeletonInputs')]))
val_evaluator = test_evaluator = [dict(type='KNNMetric', topk=(1, 5))]
custom_hooks = [*_base_.custom_hooks, dict(type='KNNBankHook')]
max_epochs = 20
param_scheduler = [
    dict(type='MultiStepLR', milestones=[16], gamma=0.1, by_epoch=True,
         begin=0, end=max_epochs)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs,
                 val_interval=10)
default_hooks = dict(checkpoint=dict(interval=10, save_best=None))
