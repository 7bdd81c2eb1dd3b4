# ISC pretraining on PKU-MMD I / II (Thoker et al. Sec. 4.2): 600 epochs,
# otherwise the NTU recipe (SGD lr 0.01, momentum 0.9, weight decay 1e-4).
# The paper gives no lr step for PKU-MMD; the x 0.1 step 100 epochs before
# the end mirrors the NTU schedule.
_base_ = ['./isc_sgd_step_450e.py']
max_epochs = 600
param_scheduler = [
    dict(type='MultiStepLR', milestones=[500], gamma=0.1, by_epoch=True,
         begin=0, end=max_epochs)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs)
