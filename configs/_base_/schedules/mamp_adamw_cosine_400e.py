# MAMP's optimiser (methods.md 1.4): AdamW (0.9, 0.95), wd 0.05 (none on
# norms, biases and the position embedding), lr 1e-3 for batch 128 (4 GPUs
# x 32), linear warm-up from 1e-4 x lr over 20 epochs, cosine to 5e-4 at
# epoch 400; stepped per iteration. No validation during pretraining.
max_epochs = 400
warmup_epochs = 20
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-3, betas=(0.9, 0.95),
                   weight_decay=0.05),
    paramwise_cfg=dict(norm_decay_mult=0., bias_decay_mult=0.,
                       custom_keys={'pos_embed': dict(decay_mult=0.)}))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-4, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=5e-4, by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs)
auto_scale_lr = dict(enable=False, base_batch_size=128)
