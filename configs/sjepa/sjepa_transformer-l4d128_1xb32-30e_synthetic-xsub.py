# S-JEPA pretraining of a 4 x 128 SkeletonTransformer on the built-in
# synthetic actions (25 joints, 2 actors, T = 32). View 0 = the 3-D sequence
# (target encoder input, masks computed on it, MAMP-exact), view 1 = its
# geometric view (rotation about the body's vertical axis, translation,
# left/right reflection) for the view encoder. kNN of the *target* encoder.
_base_ = ['../mamp/mamp_transformer-l4d128_1xb32-30e_synthetic-xsub.py']
clip_len = 32
segment_len = 4
num_joints = 25
embed_dims = 128
view_pipeline = [
    # S-JEPA gives no ranges: +-45 deg, 0.1 offset, p = 0.5 reflections
    # (x -> -x, joints keep their index so the mask hides the same joints
    # in both views; swapping left/right joints cost 6 / 7 points here)
    dict(type='RandomBodyAxisRotation', max_angle=0.7854),
    dict(type='RandomTranslation', max_offset=0.1),
    dict(type='RandomFlip', p=0.5, swap_joints=False),
]
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=24),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2),
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
    # EMA lambda cosine 0.98 -> 1: 30 epochs x 21 = 630 steps; (1 - lambda_0)
    # K ~ 13, as the paper's 0.9999 over ~188k steps (~19) and the NW-UCLA
    # config's 0.99 over 1.5k (15); see the S-JEPA README
    base_momentum=0.98, end_momentum=1.0)
custom_hooks = [
    dict(type='MomentumUpdateHook'),
    dict(type='KNNBankHook'),
]
# The README's main job: the base config's schedule, 30 epochs x 21
# iterations with 3 warm-up epochs (8.8 CPU minutes on 2 cores; 2 actors x
# 200 tokens through the EMA target encoder per sample).
