# Linear probe + 1-NN retrieval of the ISC sequence query encoder
# (frozen BiGRU, 2048-d) on pku1-xsub: the public code's linear protocol
# (../../_base_/models/linear_probe_bigru.py, SGD lr 0.1, x 0.1 at 50 / 70,
# 80 epochs, batch 64) and kNN with k = 1, cosine, bank = the training split
# through the test pipeline. Weights:
#   python tools/train.py THIS_CONFIG --pretrained PRETRAIN.pth
_base_ = ['../../_base_/models/linear_probe_bigru.py',
          '../../_base_/datasets/pku1_xsub.py',
          '../../_base_/schedules/sgd_step_linear_probe_80e.py',
          '../../_base_/default_runtime.py']
model = dict(cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(batch_size=64, dataset=dict(
    pipeline=_base_.probe_train_pipeline))
val_dataloader = test_dataloader = dict(batch_size=64, dataset=dict(
    pipeline=_base_.probe_test_pipeline))
val_evaluator = [*_base_.val_evaluator, dict(type='KNNMetric', topk=(1, ))]
test_evaluator = val_evaluator
custom_hooks = [dict(type='KNNBankHook')]
