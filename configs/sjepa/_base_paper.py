# S-JEPA (Abdelfattah & Alahi, ECCV'24), paper recipe without the data:
# encoders 8 x 256 (8 heads, FFN 1024), predictor 5 x 256, motion-aware
# masking r = 0.9 (MAMP's tau 0.8; 0.75 on NTU120), target encoder on the
# unmasked 3-D sequence (EMA, lambda cosine 0.9999 -> 1 after every step),
# view encoder on a geometric view (body-axis rotation, translation,
# reflection x -> -x keeping joint indices, so the mask hides the same
# joints), centring beta = 0.9, tau_p = 0.1, tau_t = 0.06, cross-entropy.
# 1200 epochs, batch 256 (8 GPUs x 32), AdamW (0.9, 0.95) wd 0.05, 20
# warm-up epochs to 1e-3, cosine to 5e-4. The *_8xb32-1200e_<dataset>.py
# configs add a dataset base (trim U[0.5, 1] resized to 120 frames) and
# compose the pipeline: [*ssl_head (dataset), mask_cfg, *pretext (model)].
_base_ = [
    '../_base_/models/sjepa_transformer.py',
    '../_base_/schedules/mamp_adamw_cosine_1200e.py',
    '../_base_/default_runtime.py',
]
pretrain_loader = dict(batch_size=32, num_workers=10,
                       persistent_workers=True, drop_last=True)
default_hooks = dict(checkpoint=dict(interval=50, save_best=None))
find_unused_parameters = True
auto_scale_lr = dict(base_batch_size=256)
