# ISC pretraining on NTU (Thoker et al. Sec. 4.2): SGD lr 0.01, weight
# decay 1e-4, 450 epochs; momentum 0.9 and the lr x 0.1 at epoch 350 are
# the public code's (script_pretrain.sh), batch 64 in total.
max_epochs = 450
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=1e-4))
param_scheduler = [
    dict(type='MultiStepLR', milestones=[350], gamma=0.1, by_epoch=True,
         begin=0, end=max_epochs)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs)
auto_scale_lr = dict(enable=False, base_batch_size=64)
