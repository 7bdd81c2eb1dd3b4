# MAMP's optimiser and warm-up (mamp_adamw_cosine_400e.py), cosine to 5e-4
# at epoch 1200 (S-JEPA's pretraining length).
_base_ = ['./mamp_adamw_cosine_400e.py']
max_epochs = 1200
param_scheduler = [
    _base_.param_scheduler[0],
    dict(_base_.param_scheduler[1], T_max=max_epochs - _base_.warmup_epochs,
         end=max_epochs),
]
train_cfg = dict(max_epochs=max_epochs)
