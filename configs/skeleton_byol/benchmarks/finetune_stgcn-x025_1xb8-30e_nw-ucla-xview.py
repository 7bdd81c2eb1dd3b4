# Fine-tuning of the CPU-sized skeleton BYOL encoder (ST-GCN x0.25, joint +
# bone, 32 frames) + Linear on NW-UCLA (views 1-2 -> 3), the harness's
# finetune / semi-P protocols for the skeleton-byol*_nw-ucla-xview.py
# pretraining configs: the paper's semi-supervised fine-tuning recipe
# (_base_semi.py: batch 8, SGD lr 10 cosine to 0, the encoder frozen for
# the first third of the iterations, then at lr x 1e-3; conservative
# augmentation) on the labels of the split, 30 epochs (the paper: 100 / 20
# / 10 epochs for 1 / 5 / 10 % of NTU; not tuned here).
#   python tools/train.py THIS_CONFIG --pretrained PRETRAIN.pth
_base_ = ['./_base_semi.py', '../../_base_/datasets/nw_ucla_xview.py']
max_epochs = 30
model = dict(backbone=dict(layout='nw-ucla', num_persons=1, width=0.25),
             cls_head=dict(num_classes=_base_.num_classes, in_channels=64))
persons = dict(type='FormatPersons', num_persons=1)
crop = dict(type='PadTo', length=32, mode='repeat', crop='random')
test_crop = dict(type='PadTo', length=32, mode='repeat', crop='center')
train_dataloader = dict(batch_size=8, dataset=dict(pipeline=[
    _base_.normalize, _base_.resample, crop, *_base_.streams, persons,
    _base_.pack]))
val_dataloader = test_dataloader = dict(batch_size=64, dataset=dict(pipeline=[
    _base_.normalize, test_crop, *_base_.streams, persons, _base_.pack]))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=max_epochs, eta_min=0.,
         by_epoch=True, begin=0, end=max_epochs, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=max_epochs, val_interval=10)
val_cfg = dict(type='ValLoop')
