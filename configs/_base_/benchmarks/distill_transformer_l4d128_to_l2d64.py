# Distillation (Distiller; docs/protocols.md, `distill`) of the CPU-sized
# transformer pair, without the data (25 joints, T = 32; the
# distill_transformer_l4d128_to_l2d64_<data>.py configs add a dataset):
# * teacher: the model of finetune_transformer_l4d128_<data>.py (4 x 128
#   SkeletonTransformer + MAMP's head: dropout 0.3 -> mean over T -> joint
#   features concatenated -> mean over actors -> Linear(V * 128, 2048) ->
#   BN -> ReLU -> Linear), fine-tuned, frozen, loaded from
#   model.teacher_checkpoint;
# * student: a randomly initialised 2 x 64 SkeletonTransformer (4 heads,
#   drop path 0.1) with the same head at Linear(V * 64, 512);
# * loss: CE(softmax(z_t / tau), softmax(z_s / tau)) on the training split
#   without labels, tau = 1 (skeleton BYOL's value);
# * recipe: the transformer's from-scratch fine-tune recipe (AdamW lr 3e-4,
#   betas (0.9, 0.999), wd 0.05 except 1-D parameters and position
#   embeddings, layer decay 1 over the student's encoder, 5 warm-up epochs
#   then cosine to 1e-5 per iteration), batch 48, 30 epochs.
# Validation and test score the student.
_base_ = ['../default_runtime.py']
# registers LayerDecayOptimWrapperConstructor
custom_imports = dict(imports=['skelbench.engine.optimizers'],
                      allow_failed_imports=False)
max_epochs = 30
warmup_epochs = 5
base_lr = 3e-4
min_lr = 1e-5
teacher_dims = 128
student_dims = 64
model = dict(
    type='Distiller',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    teacher=dict(
        type='SkeletonRecognizer',
        data_preprocessor=dict(type='SkeletonDataPreprocessor'),
        backbone=dict(type='SkeletonTransformer', in_channels=3,
                      num_joints=25, num_frames=32, segment_len=4,
                      embed_dims=teacher_dims, depth=4, num_heads=4,
                      mlp_ratio=4., drop_path_rate=0.3),
        neck=dict(type='SkeletonGlobalPool', person_pool='mean',
                  joint_pool='concat', dropout=0.3),
        cls_head=dict(type='ClsHead', num_classes=60,
                      in_channels=25 * teacher_dims, hidden_channels=2048,
                      loss=dict(type='CrossEntropyLoss',
                                label_smoothing=0.1))),
    student=dict(
        type='SkeletonRecognizer',
        data_preprocessor=dict(type='SkeletonDataPreprocessor'),
        backbone=dict(type='SkeletonTransformer', in_channels=3,
                      num_joints=25, num_frames=32, segment_len=4,
                      embed_dims=student_dims, depth=2, num_heads=4,
                      mlp_ratio=4., drop_path_rate=0.1),
        neck=dict(type='SkeletonGlobalPool', person_pool='mean',
                  joint_pool='concat', dropout=0.3),
        cls_head=dict(type='ClsHead', num_classes=60,
                      in_channels=25 * student_dims, hidden_channels=512)),
    teacher_checkpoint=None,
    loss=dict(type='SoftTargetCrossEntropyLoss', tau=1.0))
# the frozen teacher is left out of the optimizer
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=base_lr, betas=(0.9, 0.999),
                   weight_decay=0.05),
    constructor='LayerDecayOptimWrapperConstructor',
    paramwise_cfg=dict(layer_decay_rate=1.0,
                       backbone_name='student.backbone'))
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
