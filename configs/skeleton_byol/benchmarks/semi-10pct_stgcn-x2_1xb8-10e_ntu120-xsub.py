# Skeleton BYOL's x2 teacher for distillation on NTU120 X-Sub
# (_base_semi-x2.py):
# ST-GCN x2 fine-tuned on a class-balanced 10 % of the training labels
# (LabelFractionSubset, seed 0; the paper averages 5 seeds: --cfg-options
# train_dataloader.dataset.seed=S), 10 epochs, batch 8, lr 10 cosine to 0,
# encoder frozen for the first third of the iterations, then at lr x 1e-3.
# No validation (the last epoch is reported). Its last checkpoint is the
# teacher of distill_stgcn-x2-to-x1_4xb64-100e_ntu120-xsub.py.
_base_ = ['./_base_semi-x2.py', '../../_base_/datasets/ntu120_xsub.py']
max_epochs = 10
model = dict(cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(batch_size=8, num_workers=4, dataset=dict(
    _delete_=True, type='LabelFractionSubset', fraction=0.1, seed=0,
    dataset=dict(_base_.train_dataloader.dataset,
                 pipeline=_base_.probe_train_pipeline)))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=max_epochs, eta_min=0.,
         by_epoch=True, begin=0, end=max_epochs, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=max_epochs)
val_dataloader = val_cfg = val_evaluator = None
