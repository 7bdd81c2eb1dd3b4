# mamp_adamw_cosine_150e.py (10 warm-up epochs, validation every 25) over
# 100 epochs.
_base_ = ['./mamp_adamw_cosine_150e.py']
max_epochs = 100
param_scheduler = [_base_.param_scheduler[0], dict(
    _base_.param_scheduler[1], T_max=max_epochs - _base_.warmup_epochs,
    end=max_epochs)]
train_cfg = dict(max_epochs=max_epochs)
