# Linear probe + kNN retrieval of a (pre)trained 4 x 128 SkeletonTransformer
# on NW-UCLA (views 1-2 -> 3). Give the weights on the command line:
#   python tools/train.py THIS_CONFIG --pretrained PRETRAIN.pth \
#       [--pretrained-prefix backbone.]
# A random-init baseline of the same architecture:
#   python tools/train.py THIS_CONFIG \
#       --cfg-options model.backbone.init_cfg=None
_base_ = [
    '../models/linear_probe_transformer.py',
    '../datasets/nw_ucla_xview.py',
    '../schedules/sgd_cosine_linear_probe.py',
    '../default_runtime.py',
]
model = dict(
    backbone=dict(num_joints=20, num_frames=32, embed_dims=128, depth=4,
                  num_heads=4, frozen_stages=4),
    cls_head=dict(num_classes=_base_.num_classes, in_channels=128))
train_dataloader = dict(batch_size=64)
# kNN bank = training split through the test pipeline
val_evaluator = [*_base_.val_evaluator, dict(type='KNNMetric', topk=(1, 20))]
test_evaluator = val_evaluator
custom_hooks = [dict(type='KNNBankHook')]
