# SkeletonMAE fine-tuning (_base_finetune.py) on NTU60 X-View.
_base_ = ['./_base_finetune.py', '../../_base_/datasets/ntu60_xview.py']
model = dict(cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = _base_.clip20_train
val_dataloader = test_dataloader = _base_.clip20_test
