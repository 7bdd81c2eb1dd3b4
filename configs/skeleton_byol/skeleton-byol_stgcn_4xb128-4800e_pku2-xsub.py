# Skeleton BYOL on PKU-MMD II X-Sub, the paper recipe (_base_paper.py): an
# epoch iterates the performances of the training split, two camera views of
# each drawn with replacement (T1 / T2 views). 4800 epochs (the paper, for the
# smaller PKU-MMD II). No validation: evaluate with benchmarks/linear-
# probe_stgcn_4xb64-100e_pku2-xsub.py.
_base_ = ['./_base_paper.py', '../_base_/datasets/pku2_xsub.py']
train_dataloader = dict(**_base_.pretrain_loader, dataset=dict(
    _delete_=True, type='MultiViewpointDataset', iterate='performance',
    dataset=dict(_base_.train_dataloader.dataset,
                 pipeline=_base_.byol_pipeline)))
val_dataloader = test_dataloader = val_evaluator = test_evaluator = None
max_epochs = 4800
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6 / _base_.base_lr, by_epoch=True,
         begin=0, end=_base_.warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - _base_.warmup_epochs,
         eta_min=0., by_epoch=True, begin=_base_.warmup_epochs,
         end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
