# SkeletonMAE fine-tuning on NTU60 X-Sub, paper recipe (section 4.2):
# the pretrained STTFormer end to end + linear head, cross-entropy with
# label smoothing 0.1, Adam lr 0.005, wd 1e-4, batch 64, 200 epochs, x0.1
# at 60 / 90 / 110, sequences of 20 frames (tuples of 4, as pretraining).
# --pretrained from extract_backbone.py applied to
# skeleton-mae_sttformer_1xb64-200e_ntu60-xsub.py.
_base_ = ['./linear-probe_sttformer_2xb128-100e_ntu60-xsub.py']
model = dict(
    backbone=dict(frozen_stages=-1, norm_eval=False),
    cls_head=dict(pre_norm=None,
                  loss=dict(type='CrossEntropyLoss', label_smoothing=0.1)))
train_dataloader = dict(batch_size=64)
val_dataloader = dict(batch_size=64)
test_dataloader = val_dataloader
optim_wrapper = dict(_delete_=True, type='OptimWrapper',
                     optimizer=dict(type='Adam', lr=0.005,
                                    weight_decay=1e-4))
param_scheduler = [dict(type='MultiStepLR', milestones=[60, 90, 110],
                        gamma=0.1, by_epoch=True)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=200,
                 val_interval=10)
val_evaluator = [dict(type='AccMetric', topk=(1, 5))]
test_evaluator = val_evaluator
custom_hooks = []
auto_scale_lr = dict(enable=False, base_batch_size=64)
