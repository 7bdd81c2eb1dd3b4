# Skeleton BYOL knowledge distillation on NTU60 X-Sub (Moliner et al. §3.5,
# §4.4): a fine-tuned ST-GCN x2 teacher (pretrained with --cfg-options
# model.backbone.width=2. model.neck.in_channels=512, then fine-tuned on 1, 5
# or 10 % of the labels with semi-*pct_stgcn-x2_*_ntu60-xsub.py) is distilled
# into a randomly initialised ST-GCN x1 student on the whole training set
# without labels:
# CE(softmax(z_t / tau), softmax(z_s / tau)), tau = 1; 100 epochs, batch 256,
# SGD momentum 0.9, weight decay 1e-4, lr 0.2 cosine to 0. Give the teacher on
# the command line:
#   python tools/train.py THIS_CONFIG \
#       --cfg-options model.teacher_checkpoint=TEACHER.pth
_base_ = ['./_base_distill.py', '../../_base_/datasets/ntu60_xsub.py']
model = dict(student=dict(cls_head=dict(num_classes=_base_.num_classes)),
             teacher=dict(cls_head=dict(num_classes=_base_.num_classes)))
train_dataloader = dict(batch_size=64, num_workers=8, dataset=dict(
    pipeline=_base_.probe_train_pipeline))
val_dataloader = test_dataloader = dict(
    batch_size=64, dataset=dict(pipeline=_base_.probe_test_pipeline))
