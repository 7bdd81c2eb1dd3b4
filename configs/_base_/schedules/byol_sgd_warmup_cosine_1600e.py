# Skeleton BYOL pretraining (Moliner et al. §4.2): SGD momentum 0.9, weight
# decay 1e-4; lr from 1e-6 linearly to 0.2 over the first 10 epochs, then
# cosine to 0; 1600 epochs (PKU-MMD II: 4800); batch 512 in the paper.
max_epochs = 1600
warmup_epochs = 10
base_lr = 0.2
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=base_lr, momentum=0.9, weight_decay=1e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6 / base_lr, by_epoch=True,
         begin=0, end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=0., by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs,
                 val_interval=max_epochs)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=512)
