# Gong et al. linear evaluation (_base_linear-probe.py) on PKU-MMD II
# X-Sub, with MAMP's PKU-II configuration, which Gong et al. follow:
# batch 16 x 2 GPUs, lr 0.01.
_base_ = ['./_base_linear-probe.py', '../../_base_/datasets/pku2_xsub.py']
model = dict(cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(batch_size=16)
optim_wrapper = dict(optimizer=dict(lr=0.01))
auto_scale_lr = dict(base_batch_size=32)
val_evaluator = test_evaluator = [*_base_.val_evaluator, _base_.knn_metric]
