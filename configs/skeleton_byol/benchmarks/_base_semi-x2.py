# The wide teacher of skeleton BYOL's distillation (Moliner et al. §3.5,
# §4.4, Table 5): the semi-supervised fine-tuning recipe (_base_semi.py) of
# an ST-GCN x2 encoder (every layer's channels doubled; 512-d features) +
# Linear. Its encoder is pretrained with the x1 pretraining config of the
# split and --cfg-options model.backbone.width=2. model.neck.in_channels=512;
# its last checkpoint is the teacher of distill_stgcn-x2-to-x1_*.py.
_base_ = ['./_base_semi.py']
model = dict(backbone=dict(width=2.), cls_head=dict(in_channels=512))
