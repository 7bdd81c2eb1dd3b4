# MAMP on PKU-MMD I X-Sub (_base_paper.py): tau 0.8, decoder depth 5. PKU
# has no centring in MAMP's preprocessing (CenterSkeleton is a translation
# only).
_base_ = ['./_base_paper.py', '../_base_/datasets/pku1_xsub.py']
train_dataloader = dict(**_base_.pretrain_loader, dataset=dict(pipeline=[
    *_base_.ssl_head, _base_.mask_cfg, *_base_.pretext]))
val_dataloader = test_dataloader = val_evaluator = test_evaluator = None
model = dict(neck=dict(depth=5))
