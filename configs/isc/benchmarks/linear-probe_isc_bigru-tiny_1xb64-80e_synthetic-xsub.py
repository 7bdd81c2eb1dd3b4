# Linear probe + 1-NN retrieval of the CPU-sized ISC sequence query encoder
# (frozen BiGRU 2 x 128, 256-d) on the synthetic actions: ISC's linear
# protocol (SGD lr 0.1, x 0.1 at 50 / 70, 80 epochs, batch 64) at 32 frames.
#   python tools/train.py THIS_CONFIG --pretrained PRETRAIN.pth
_base_ = ['../../_base_/models/linear_probe_bigru.py',
          '../../_base_/datasets/synthetic_xsub.py',
          '../../_base_/schedules/sgd_step_linear_probe_80e.py',
          '../../_base_/default_runtime.py']
model = dict(backbone=dict(hidden_size=128, num_layers=2, frozen_stages=2),
             cls_head=dict(num_classes=_base_.num_classes, in_channels=256))
normalize = [dict(type='AGCNNormalize')]
persons = dict(type='FormatPersons', num_persons=2, mode='zero')
train_dataloader = dict(batch_size=64, dataset=dict(pipeline=[
    *normalize,
    dict(type='TemporalCropResize', clip_len=_base_.clip_len,
         ratio_range=(0.5, 1.), min_len=_base_.clip_len),
    persons, dict(type='PackSkeletonInputs')]))
val_dataloader = test_dataloader = dict(dataset=dict(pipeline=[
    *normalize,
    dict(type='TemporalCropResize', clip_len=_base_.clip_len, test_mode=True,
         test_ratio=0.95),
    persons, dict(type='PackSkeletonInputs')]))
val_evaluator = [*_base_.val_evaluator, dict(type='KNNMetric', topk=(1, ))]
test_evaluator = val_evaluator
custom_hooks = [dict(type='KNNBankHook')]
