# Fine-tuning of the ISC sequence query encoder (BiGRU + Linear, all
# weights trained) on PKU-MMD II X-Sub, the paper's transfer target (Table
# 4: pretrained on NTU RGB+D 60 or PKU-MMD I, encoder and classifier
# fine-tuned here). The paper's downstream hyper-parameters are in its
# supplementary material, not available here: the linear protocol's data
# and epochs with the pretraining optimiser (SGD lr 0.01, momentum 0.9,
# weight decay 1e-4), x 0.1 at epochs 50 and 70. Weights: --pretrained
# (tools/benchmark.py --protocols transfer-pku2 passes the encoder of the
# pretraining checkpoint).
_base_ = ['../../_base_/models/linear_probe_bigru.py',
          '../../_base_/datasets/pku2_xsub.py',
          '../../_base_/schedules/sgd_step_linear_probe_80e.py',
          '../../_base_/default_runtime.py']
model = dict(backbone=dict(frozen_stages=-1),
             cls_head=dict(num_classes=_base_.num_classes))
optim_wrapper = dict(optimizer=dict(lr=0.01, weight_decay=1e-4))
train_dataloader = dict(batch_size=64, dataset=dict(
    pipeline=_base_.probe_train_pipeline))
val_dataloader = test_dataloader = dict(batch_size=64, dataset=dict(
    pipeline=_base_.probe_test_pipeline))
