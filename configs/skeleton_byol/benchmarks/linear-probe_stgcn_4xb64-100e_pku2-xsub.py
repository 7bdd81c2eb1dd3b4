# Skeleton BYOL linear evaluation on PKU-MMD II X-Sub (_base_linear-probe.py):
# frozen ST-GCN x1 + Linear, SGD lr 30 (x0.1 at 60, 80), 100 epochs, batch 4 x
# 64, conservative augmentation; kNN of the same features. Extract the encoder:
#   python tools/model_converters/extract_backbone.py \
#       work_dirs/<pretrain>/epoch_4800.pth byol_backbone.pth
#   python tools/train.py THIS_CONFIG --pretrained byol_backbone.pth
_base_ = ['./_base_linear-probe.py', '../../_base_/datasets/pku2_xsub.py']
model = dict(cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(**_base_.probe_loader, dataset=dict(
    pipeline=_base_.probe_train_pipeline))
val_dataloader = test_dataloader = dict(
    batch_size=64, dataset=dict(pipeline=_base_.probe_test_pipeline))
val_evaluator = test_evaluator = [dict(type='AccMetric', topk=(1, 5)),
                                  dict(type='KNNMetric', topk=(1, 20))]
