# Skeleton BYOL transfer to PKU-MMD II X-Sub (Moliner et al. §4.5, Table 6):
# the encoder pretrained on NTU-60 (ST-GCN x1, joint + bone) fine-tuned with a
# Linear layer on PKU-MMD II's 41 classes. The paper gives no recipe for this
# fine-tuning; this config uses its supervised baseline's (80 epochs, batch 8,
# SGD momentum 0.9, wd 3e-4, lr 0.0125 x0.1 at 56 / 70; _base_supervised.py)
# so that the transfer and the baseline of Table 6 differ only in the
# initialisation. Weights: --pretrained (tools/benchmark.py --protocols
# transfer-pku2 passes the encoder of the pretraining checkpoint).
_base_ = ['./_base_supervised.py', '../../_base_/datasets/pku2_xsub.py']
model = dict(
    backbone=dict(init_cfg=dict(_delete_=True, type='Pretrained',
                                checkpoint='', prefix='backbone.')),
    cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(batch_size=8, num_workers=4, dataset=dict(
    pipeline=_base_.probe_train_pipeline))
val_dataloader = test_dataloader = dict(
    batch_size=64, dataset=dict(pipeline=_base_.probe_test_pipeline))
