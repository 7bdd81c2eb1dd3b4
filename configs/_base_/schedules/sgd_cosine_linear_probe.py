# MAMP linear-probe schedule: SGD momentum 0.9, no weight decay, lr 0.1,
# cosine to 0 over 100 epochs, no warm-up (batch 256 in the paper).
max_epochs = 100
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=0.))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=max_epochs, eta_min=0.,
         by_epoch=True, begin=0, end=max_epochs, convert_to_iter_based=True)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs,
                 val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=256)
