# S-JEPA pretraining of the 4 x 128 SkeletonTransformer on NW-UCLA (views
# 1-2, 20 joints, 1 actor, T = 32). Predictor 3 x 128 (paper: 5 x 256 for an
# 8 x 256 encoder). View 0 (unmasked 3-D) -> EMA target encoder, view 1
# (body-axis rotation, translation, reflection) -> view encoder; masks from
# MAMP's motion-aware masking on view 0. Downstream = target encoder
# (tools/model_converters/extract_backbone.py picks it).
_base_ = ['../mamp/mamp_transformer-l4d128_1xb64-150e_nw-ucla-xview.py']
clip_len = 32
segment_len = 4
num_joints = 20
embed_dims = 128
view_pipeline = [
    dict(type='RandomBodyAxisRotation', max_angle=0.7854),
    dict(type='RandomTranslation', max_offset=0.1),
    dict(type='RandomFlip', p=0.5, swap_joints=False),
]
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=16),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=1),
    dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8,
         segment_len=segment_len),
    dict(type='MultiView', pipelines=[[], view_pipeline]),
    dict(type='PackSkeletonInputs',
         algorithm_keys=('ids_keep', 'ids_masked', 'ids_restore', 'mask')),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
model = dict(
    _delete_=True,
    type='SJEPA',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(type='SkeletonTransformer', num_joints=num_joints,
                  num_frames=clip_len, segment_len=segment_len,
                  embed_dims=embed_dims, depth=4, num_heads=4),
    neck=dict(type='MaskTokenDecoder', in_channels=embed_dims,
              embed_dims=embed_dims, depth=3, num_heads=4,
              num_joints=num_joints, num_frames=clip_len,
              segment_len=segment_len, out_channels=embed_dims),
    head=dict(type='JEPAHead', embed_dims=embed_dims, centering=True,
              center_momentum=0.9,
              loss=dict(type='LatentCrossEntropyLoss', tau_p=0.1,
                        tau_t=0.06)),
    # EMA lambda cosine 0.99 -> 1. The paper's 0.9999 over ~188k steps
    # (1200 epochs x 156) gives (1 - lambda_0) K ~ 19 target "time
    # constants"; 100 epochs x 15 = 1.5k steps need 1 - lambda_0 ~ 0.01
    # for the same (15). 0.996 (6) left the target encoder behind the
    # view encoder (README: linear 53.0 vs 64.0 for the view encoder).
    base_momentum=0.99, end_momentum=1.0)
custom_hooks = [
    dict(type='MomentumUpdateHook'),
    dict(type='KNNBankHook'),
]
# CPU budget: 100 epochs x 15 iterations (14-16 min on 2 cores unshared, about
# MAMP's 150 epochs: this step also runs the full-sequence EMA encoder).
max_epochs = 100
warmup_epochs = 10
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=5e-4, by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
