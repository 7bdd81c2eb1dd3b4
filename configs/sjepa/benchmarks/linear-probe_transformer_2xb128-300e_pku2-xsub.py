# S-JEPA linear evaluation (_base_linear-probe.py) on PKU-MMD II X-Sub.
_base_ = ['./_base_linear-probe.py', '../../_base_/datasets/pku2_xsub.py']
model = dict(cls_head=dict(num_classes=_base_.num_classes))
val_evaluator = test_evaluator = [*_base_.val_evaluator, _base_.knn_metric]
val_dataloader = test_dataloader = dict(
    dataset=dict(pipeline=_base_.probe_test_pipeline))
