# S-JEPA fine-tuning recipe (methods.md Part A): MAMP's (finetune_
# transformer.py: head, drop-path, AdamW 3e-4, wd 0.05, layer decay 0.8,
# 5 warm-up epochs, cosine to 1e-5) for 300 epochs at batch 256 (8 x 32).
_base_ = ['./finetune_transformer.py']
max_epochs = 300
warmup_epochs = 5
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min_ratio=_base_.min_lr / _base_.base_lr, by_epoch=True,
         begin=warmup_epochs, end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=256)
