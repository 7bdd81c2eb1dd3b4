# S-JEPA (Abdelfattah & Alahi, ECCV'24): view encoder 8 x 256 (8 heads,
# segments of 4 frames) on the visible tokens of a geometric view, a
# 5 x 256 predictor with mask tokens, and an EMA target encoder (lambda
# cosine 0.9999 -> 1, stepped by MomentumUpdateHook) on the unmasked 3-D
# sequence; centred (beta 0.9) softmax targets (tau_t 0.06) vs predictions
# (tau_p 0.1), cross-entropy. Configs compose the pretext transforms after
# the dataset's augmentation: [*augment, persons, mask_cfg, *pretext].
segment_len = 4
model = dict(
    type='SJEPA',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(type='SkeletonTransformer', num_joints=25, num_frames=120,
                  segment_len=segment_len, embed_dims=256, depth=8,
                  num_heads=8),
    neck=dict(type='MaskTokenDecoder', in_channels=256, embed_dims=256,
              depth=5, num_heads=8, num_joints=25, num_frames=120,
              segment_len=segment_len, out_channels=256),
    head=dict(type='JEPAHead', embed_dims=256, centering=True,
              center_momentum=0.9,
              loss=dict(type='LatentCrossEntropyLoss', tau_p=0.1,
                        tau_t=0.06)),
    base_momentum=0.9999, end_momentum=1.0)
custom_hooks = [dict(type='MomentumUpdateHook')]
# masks from MAMP's motion-aware masking on view 0 (the target encoder's
# input); view 1 for the view encoder. The paper gives no ranges: +-45 deg,
# 0.1 offset, p = 0.5 reflections x -> -x keeping the joint indices (the
# mask then hides the same joints in both views).
mask_cfg = dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8,
                segment_len=segment_len)
view_pipeline = [
    dict(type='RandomBodyAxisRotation', max_angle=0.7854),
    dict(type='RandomTranslation', max_offset=0.1),
    dict(type='RandomFlip', p=0.5, swap_joints=False),
]
pretext = [
    dict(type='MultiView', pipelines=[[], view_pipeline]),
    dict(type='PackSkeletonInputs',
         algorithm_keys=('ids_keep', 'ids_masked', 'ids_restore', 'mask')),
]
