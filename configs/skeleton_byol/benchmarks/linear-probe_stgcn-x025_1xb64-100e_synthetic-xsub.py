# Linear probe + kNN of the CPU-size skeleton BYOL encoder (ST-GCN x0.25,
# joint + bone, 32 frames, 2 actors) on the synthetic actions; the paper's
# linear protocol (frozen encoder + Linear, SGD lr 30 x0.1 at 60 / 80, 100
# epochs, conservative augmentation). Pretrained weights:
#   python tools/train.py THIS_CONFIG --pretrained byol_backbone.pth
_base_ = ['./_base_linear-probe.py', '../../_base_/datasets/synthetic_xsub.py']
model = dict(backbone=dict(width=0.25),
             cls_head=dict(num_classes=_base_.num_classes, in_channels=64))
persons = dict(type='FormatPersons', num_persons=2, mode='zero')
crop = dict(type='PadTo', length=32, mode='repeat', crop='random')
test_crop = dict(type='PadTo', length=32, mode='repeat', crop='center')
train_dataloader = dict(batch_size=64, dataset=dict(pipeline=[
    _base_.normalize, _base_.resample, crop, *_base_.streams, persons,
    _base_.pack]))
val_dataloader = test_dataloader = dict(dataset=dict(pipeline=[
    _base_.normalize, test_crop, *_base_.streams, persons, _base_.pack]))
val_evaluator = test_evaluator = [dict(type='AccMetric', topk=(1, 5)),
                                  dict(type='KNNMetric', topk=(1, 20))]
