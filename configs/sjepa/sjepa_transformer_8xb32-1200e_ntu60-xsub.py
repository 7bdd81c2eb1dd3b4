# S-JEPA (Abdelfattah & Alahi, ECCV'24), paper recipe: encoders 8 x 256
# (8 heads, FFN 1024), predictor 5 x 256, motion-aware masking r = 0.9
# (MAMP's tau 0.8; 0.75 on NTU120), target encoder on the unmasked 3-D
# sequence (EMA, lambda cosine 0.9999 -> 1 after every step), view encoder
# on a geometric view (body-axis rotation, translation, reflection x -> -x
# keeping joint indices, so the mask hides the same joints), centring
# beta = 0.9, tau_p = 0.1, tau_t = 0.06, cross-entropy. 1200 epochs, batch
# 256 (8 GPUs x 32), AdamW (0.9, 0.95) wd 0.05, 20 warm-up epochs to 1e-3,
# cosine to 5e-4. Trim U[0.5, 1] resized to 120 frames.
_base_ = ['../mamp/mamp_transformer_4xb32-400e_ntu60-xsub.py']
clip_len = 120
segment_len = 4
view_pipeline = [
    # the paper gives no ranges for the view transformations
    dict(type='RandomBodyAxisRotation', max_angle=0.7854),
    dict(type='RandomTranslation', max_offset=0.1),
    dict(type='RandomFlip', p=0.5, swap_joints=False),
]
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=64),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2, mode='zero'),
    dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8,
         segment_len=segment_len),
    dict(type='MultiView', pipelines=[[], view_pipeline]),
    dict(type='PackSkeletonInputs',
         algorithm_keys=('ids_keep', 'ids_masked', 'ids_restore', 'mask')),
]
train_dataloader = dict(batch_size=32, dataset=dict(pipeline=train_pipeline))
model = dict(
    _delete_=True,
    type='SJEPA',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(type='SkeletonTransformer', num_joints=25,
                  num_frames=clip_len, segment_len=segment_len,
                  embed_dims=256, depth=8, num_heads=8),
    neck=dict(type='MaskTokenDecoder', in_channels=256, embed_dims=256,
              depth=5, num_heads=8, num_joints=25, num_frames=clip_len,
              segment_len=segment_len, out_channels=256),
    head=dict(type='JEPAHead', embed_dims=256, centering=True,
              center_momentum=0.9,
              loss=dict(type='LatentCrossEntropyLoss', tau_p=0.1,
                        tau_t=0.06)),
    base_momentum=0.9999, end_momentum=1.0)
max_epochs = 1200
warmup_epochs = 20
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-4, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=5e-4, by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs)
custom_hooks = [dict(type='MomentumUpdateHook')]
default_hooks = dict(checkpoint=dict(interval=50))
auto_scale_lr = dict(enable=False, base_batch_size=256)
