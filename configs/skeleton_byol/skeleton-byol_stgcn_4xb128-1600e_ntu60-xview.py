# Skeleton BYOL on NTU60 X-View, the paper recipe (_base_paper.py): an epoch
# iterates the performances of the training split, two camera views of each
# drawn with replacement (T1 / T2 views). No validation: evaluate with
# benchmarks/linear-probe_stgcn_4xb64-100e_ntu60-xview.py.
_base_ = ['./_base_paper.py', '../_base_/datasets/ntu60_xview.py']
train_dataloader = dict(**_base_.pretrain_loader, dataset=dict(
    _delete_=True, type='MultiViewpointDataset', iterate='performance',
    dataset=dict(_base_.train_dataloader.dataset,
                 pipeline=_base_.byol_pipeline)))
val_dataloader = test_dataloader = val_evaluator = test_evaluator = None
