# SkeletonMAE's optimiser (paper 4.2): Adam lr 0.005, wd 1e-4, batch 64,
# 200 epochs, lr x 0.1 at epochs 60 / 90 / 110.
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='Adam', lr=0.005,
                                    weight_decay=1e-4))
param_scheduler = [dict(type='MultiStepLR', milestones=[60, 90, 110],
                        gamma=0.1, by_epoch=True)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=200)
