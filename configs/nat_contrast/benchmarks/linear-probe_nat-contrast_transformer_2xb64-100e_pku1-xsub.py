# Gong et al. linear evaluation (_base_linear-probe.py) on PKU-MMD I X-Sub,
# with the batch of MAMP's PKU-I configuration, which Gong et al. follow:
# 64 x 2 GPUs (lr 0.1 unchanged).
_base_ = ['./_base_linear-probe.py', '../../_base_/datasets/pku1_xsub.py']
model = dict(cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(batch_size=64)
val_evaluator = test_evaluator = [*_base_.val_evaluator, _base_.knn_metric]
