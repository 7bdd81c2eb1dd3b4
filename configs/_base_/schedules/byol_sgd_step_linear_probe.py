# Skeleton BYOL linear evaluation (Moliner et al. §4.3): SGD momentum 0.9,
# no weight decay, lr 30, x0.1 at epochs 60 and 80, 100 epochs (batch 256).
max_epochs = 100
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=30., momentum=0.9, weight_decay=0.))
param_scheduler = [
    dict(type='MultiStepLR', milestones=[60, 80], gamma=0.1, by_epoch=True,
         begin=0, end=max_epochs)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs,
                 val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=256)
