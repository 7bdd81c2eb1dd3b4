# Fine-tuning of the CPU-sized ISC sequence query encoder (BiGRU 2 x 128,
# 256-d, all weights trained) + Linear on NW-UCLA (views 1-2 -> 3), the
# harness's finetune / semi-P protocols for the isc*_nw-ucla-xview.py
# pretraining configs. The recipe of the NTU fine-tune configs
# (finetune_isc_bigru_1xb64-80e_*.py: SGD lr 0.01, momentum 0.9, weight
# decay 1e-4, x 0.1 at epochs 50 and 70, 80 epochs, batch 64) with the
# data and pipelines of the NW-UCLA linear probe (32 frames).
#   python tools/train.py THIS_CONFIG --pretrained PRETRAIN.pth
_base_ = ['../../_base_/models/linear_probe_bigru.py',
          '../../_base_/datasets/nw_ucla_xview.py',
          '../../_base_/schedules/sgd_step_linear_probe_80e.py',
          '../../_base_/default_runtime.py']
model = dict(backbone=dict(layout='nw-ucla', num_persons=1, hidden_size=128,
                           num_layers=2, frozen_stages=-1),
             cls_head=dict(num_classes=_base_.num_classes, in_channels=256))
optim_wrapper = dict(optimizer=dict(lr=0.01, weight_decay=1e-4))
normalize = [dict(type='CenterSkeleton')]
persons = dict(type='FormatPersons', num_persons=1)
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
