# Supervised ST-GCN x1 (joint + bone input, random initialisation) of
# skeleton BYOL (Moliner et al. §4.2) without the data: SGD momentum 0.9,
# weight decay 3e-4, lr 0.0125 x0.1 at epochs 56 and 70, 80 epochs, batch 8.
_base_ = [
    '../../_base_/models/linear_probe_stgcn.py',
    '../../_base_/default_runtime.py',
    '../_base_views.py',
]
model = dict(backbone=dict(frozen_stages=-1, norm_eval=False, init_cfg=None))
max_epochs = 80
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=0.0125, momentum=0.9, weight_decay=3e-4))
param_scheduler = [
    dict(type='MultiStepLR', milestones=[56, 70], gamma=0.1, by_epoch=True,
         begin=0, end=max_epochs)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs,
                 val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
