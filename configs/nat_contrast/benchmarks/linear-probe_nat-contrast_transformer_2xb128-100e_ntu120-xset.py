# Gong et al. linear evaluation (_base_linear-probe.py) on NTU120 X-Set.
_base_ = ['./_base_linear-probe.py', '../../_base_/datasets/ntu120_xset.py']
model = dict(cls_head=dict(num_classes=_base_.num_classes))
val_evaluator = test_evaluator = [*_base_.val_evaluator, _base_.knn_metric]
