# SkeletonMAE (Wu et al., ICMEW'23), paper recipe without the data:
# STTFormer encoder (the original 8 blocks 64-...-256) on sequences "limited
# to 20 frames for all experiments" (paper 4.2): T = 20 in tuples of 4
# frames (-> 5 tuples of 4 x 25 joints; the paper does not give the tuple
# length and STTFormer's 6 does not divide 20. The other reading,
# STTFormer's own 120 frames in 20 tuples of 6: clip_len=120, len_parts=6),
# spatio-temporal masking (frames 0.5, then joints 0.5 per remaining frame,
# random per frame), MSE between the original and the reconstructed
# sequence. Adam lr 0.005, wd 1e-4, batch 64, 200 epochs, x0.1 at 60 / 90 /
# 110. The *_1xb64-200e_<dataset>.py configs add a dataset base of the
# nturgb+d layout and compose the pipeline:
#   [*clip20_augment, persons (dataset), mask_cfg, *pretext (model)]
_base_ = [
    '../_base_/models/skeleton_mae_sttformer.py',
    '../_base_/schedules/adam_step_200e.py',
    '../_base_/default_runtime.py',
]
# the datasets' augmentation with clips of 20 frames
clip20_augment = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=20, ratio_range=(0.5, 1.),
         min_len=64),
    dict(type='RandomEulerRotation', theta=0.3),
]
pretrain_loader = dict(batch_size=64, num_workers=8,
                       persistent_workers=True, drop_last=True)
default_hooks = dict(checkpoint=dict(interval=20, save_best=None))
