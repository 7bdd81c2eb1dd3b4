# Skeleton BYOL distillation (Moliner et al. §3.5, eq. 6) without the data:
# Distiller with a frozen ST-GCN x2 teacher (teacher_checkpoint: its
# fine-tuned recognizer checkpoint: a semi-*pct_stgcn-x2_*.py run) and a
# random ST-GCN x1 student, both on joint + bone input;
# SoftTargetCrossEntropyLoss (tau = 1) on the training set without labels;
# SGD momentum 0.9, weight decay 1e-4, lr 0.2 cosine to 0, 100 epochs, batch
# 256. Validation scores the student.
_base_ = [
    '../../_base_/default_runtime.py',
    '../_base_views.py',
]
student = dict(
    type='SkeletonRecognizer',
    backbone=dict(type='STGCN', in_channels=6, layout='nturgb+d',
                  num_persons=2, width=1.),
    neck=dict(type='SkeletonGlobalPool', person_pool='mean'),
    cls_head=dict(type='ClsHead', num_classes=60, in_channels=256))
teacher = dict(
    type='SkeletonRecognizer',
    backbone=dict(type='STGCN', in_channels=6, layout='nturgb+d',
                  num_persons=2, width=2.),
    neck=dict(type='SkeletonGlobalPool', person_pool='mean'),
    cls_head=dict(type='ClsHead', num_classes=60, in_channels=512))
model = dict(type='Distiller', student=student, teacher=teacher,
             teacher_checkpoint=None,
             loss=dict(type='SoftTargetCrossEntropyLoss', tau=1.0))
max_epochs = 100
# the frozen teacher is left out of the optimizer
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=0.2, momentum=0.9, weight_decay=1e-4),
    constructor='TrainableOptimWrapperConstructor')
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=max_epochs, eta_min=0.,
         by_epoch=True, begin=0, end=max_epochs, convert_to_iter_based=True)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs,
                 val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
