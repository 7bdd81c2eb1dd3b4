# ISC linear protocol (the public code's action_classification.py): SGD
# momentum 0.9, no weight decay, lr 0.1, x 0.1 at epochs 50 and 70, 80
# epochs, batch 64.
max_epochs = 80
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=0.))
param_scheduler = [
    dict(type='MultiStepLR', milestones=[50, 70], gamma=0.1, by_epoch=True,
         begin=0, end=max_epochs)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs,
                 val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=64)
