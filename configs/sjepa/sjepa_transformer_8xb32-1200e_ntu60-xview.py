# S-JEPA on NTU60 X-View (_base_paper.py).
_base_ = ['./_base_paper.py', '../_base_/datasets/ntu60_xview.py']
train_dataloader = dict(**_base_.pretrain_loader, dataset=dict(pipeline=[
    *_base_.ssl_head, _base_.mask_cfg, *_base_.pretext]))
val_dataloader = test_dataloader = val_evaluator = test_evaluator = None
