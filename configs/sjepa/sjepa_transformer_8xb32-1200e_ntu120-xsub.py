# S-JEPA on NTU120 X-Sub (_base_paper.py): motion-aware masking tau 0.75
# as MAMP; single actors repeated into the second slot (the dataset base).
_base_ = ['./_base_paper.py', '../_base_/datasets/ntu120_xsub.py']
train_dataloader = dict(**_base_.pretrain_loader, dataset=dict(pipeline=[
    *_base_.ssl_head, dict(_base_.mask_cfg, tau=0.75), *_base_.pretext]))
val_dataloader = test_dataloader = val_evaluator = test_evaluator = None
