# mamp_adamw_cosine_30e.py over 150 epochs: 10 warm-up epochs, validation
# every 25 epochs.
_base_ = ['./mamp_adamw_cosine_30e.py']
max_epochs, warmup_epochs = 150, 10
param_scheduler = [
    dict(_base_.param_scheduler[0], end=warmup_epochs),
    dict(_base_.param_scheduler[1], T_max=max_epochs - warmup_epochs,
         begin=warmup_epochs, end=max_epochs),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=25)
