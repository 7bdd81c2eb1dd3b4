# SkeletonMAE on NTU60 X-Sub, the paper recipe (_base_paper.py).
_base_ = ['./_base_paper.py', '../_base_/datasets/ntu60_xsub.py']
train_dataloader = dict(**_base_.pretrain_loader, dataset=dict(pipeline=[
    *_base_.clip20_augment, _base_.persons, _base_.mask_cfg, *_base_.pretext]))
val_dataloader = test_dataloader = val_evaluator = test_evaluator = None
