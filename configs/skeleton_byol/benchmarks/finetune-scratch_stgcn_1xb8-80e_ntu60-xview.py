# Supervised ST-GCN x1 baseline of skeleton BYOL on NTU60 X-View (Moliner et
# al. §4.2): joint + bone input, random initialisation, 80 epochs, batch 8, SGD
# momentum 0.9, weight decay 3e-4, lr 0.0125 x0.1 at epochs 56 and 70;
# conservative augmentation (the paper states none for this baseline).
_base_ = ['./_base_supervised.py', '../../_base_/datasets/ntu60_xview.py']
model = dict(cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(batch_size=8, num_workers=4, dataset=dict(
    pipeline=_base_.probe_train_pipeline))
val_dataloader = test_dataloader = dict(
    batch_size=64, dataset=dict(pipeline=_base_.probe_test_pipeline))
