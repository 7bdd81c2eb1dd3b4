# MAMP fine-tuning recipe (methods.md 1.5; Gong et al. the same), without
# the data: the pretrained 8 x 256 SkeletonTransformer end to end,
# drop-path 0.3, MAMP's head (Dropout(0.3) on the token features -> mean
# over T -> the V joint features concatenated -> mean over actors ->
# Linear(V*D, 2048) -> BN -> ReLU -> Linear), cross-entropy with label
# smoothing 0.1; AdamW lr 3e-4, wd 0.05, layer-wise lr decay 0.8 (BEiT
# rule), 5 warm-up epochs then cosine to 1e-5 (x each group's lr scale),
# per iteration; 100 epochs, batch 48 (2 x 24). Weights: --pretrained.
# No best checkpoint: validation during training is on the test split;
# tools/benchmark.py selects on a held-out part of the training split.
_base_ = ['../models/skeleton_transformer.py', '../default_runtime.py']
# registers LayerDecayOptimWrapperConstructor
custom_imports = dict(imports=['skelbench.engine.optimizers'],
                      allow_failed_imports=False)
max_epochs = 100
warmup_epochs = 5
base_lr = 3e-4
min_lr = 1e-5
model = dict(
    backbone=dict(drop_path_rate=0.3,
                  init_cfg=dict(type='Pretrained', checkpoint='',
                                prefix='backbone.')),
    neck=dict(type='SkeletonGlobalPool', person_pool='mean',
              joint_pool='concat', dropout=0.3),
    cls_head=dict(in_channels=25 * 256, hidden_channels=2048,
                  loss=dict(type='CrossEntropyLoss', label_smoothing=0.1)))
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=base_lr, betas=(0.9, 0.999),
                   weight_decay=0.05),
    constructor='LayerDecayOptimWrapperConstructor',
    paramwise_cfg=dict(layer_decay_rate=0.8))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min_ratio=min_lr / base_lr, by_epoch=True, begin=warmup_epochs,
         end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs,
                 val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
default_hooks = dict(checkpoint=dict(interval=10, max_keep_ckpts=2,
                                     save_best=None))
auto_scale_lr = dict(enable=False, base_batch_size=48)
