# Skeleton BYOL at CPU size, without the data: ST-GCN x0.25 (16-64
# channels) on joint + bone input, projector / predictor MLPs 64 -> 512 ->
# 128, momentum-BN target (lambda 0.99 -> 1); 32-frame views (T1 / T2 of
# _base_views.py with the crop, the shift and the resampling on 32 frames);
# SGD momentum 0.9, weight decay 1e-4, lr warm-up over 5 epochs to 0.1
# then cosine to 0 (scaled down from the paper's 0.2 at batch 512; not
# tuned). The dataset configs set the epochs, actors and layout.
_base_ = [
    '../_base_/models/byol_stgcn.py',
    '../_base_/schedules/byol_sgd_warmup_cosine_1600e.py',
    '../_base_/default_runtime.py',
    './_base_views.py',
]
cpu_clip_len = 32
model = dict(
    backbone=dict(width=0.25),
    neck=dict(in_channels=64, hid_channels=512, out_channels=128),
    head=dict(predictor=dict(in_channels=128, hid_channels=512,
                             out_channels=128)))
cpu_crop = dict(type='PadTo', length=cpu_clip_len, mode='repeat',
                crop='random')
cpu_filter = dict(type='SavitzkyGolayFilter', window_length=15, polyorder=2,
                  p=0.5)
cpu_shear = dict(type='RandomShear', shear=1.0)
cpu_shift = dict(type='RandomTemporalShift', max_shift=cpu_clip_len)
cpu_test_crop = dict(type='PadTo', length=cpu_clip_len, mode='repeat',
                     crop='center')
default_hooks = dict(checkpoint=dict(interval=10, max_keep_ckpts=2,
                                     save_best=None))
