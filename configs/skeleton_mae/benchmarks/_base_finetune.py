# SkeletonMAE fine-tuning, paper recipe (section 4.2), without the data:
# the pretrained STTFormer end to end + linear head, cross-entropy with
# label smoothing 0.1, Adam lr 0.005, wd 1e-4, batch 64, 200 epochs, x0.1
# at 60 / 90 / 110, sequences of 20 frames (tuples of 4, as pretraining).
# The finetune_sttformer_1xb64-200e_<dataset>.py configs add a dataset
# base. --pretrained from extract_backbone.py applied to the pretraining
# config of the same split.
_base_ = ['./_base_linear-probe.py']
model = dict(
    backbone=dict(frozen_stages=-1, norm_eval=False),
    cls_head=dict(pre_norm=None,
                  loss=dict(type='CrossEntropyLoss', label_smoothing=0.1)))
clip20_train = dict(batch_size=64)
clip20_test = dict(batch_size=64)
optim_wrapper = dict(_delete_=True, type='OptimWrapper',
                     optimizer=dict(type='Adam', lr=0.005,
                                    weight_decay=1e-4))
param_scheduler = [dict(type='MultiStepLR', milestones=[60, 90, 110],
                        gamma=0.1, by_epoch=True)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=200,
                 val_interval=10)
custom_hooks = []
auto_scale_lr = dict(enable=False, base_batch_size=64)
