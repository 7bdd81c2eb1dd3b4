# MAMP (Mao et al., ICCV'23; methods.md 1.3): SkeletonTransformer encoder
# 8 x 256 (8 heads, segments of l = 4 frames: T = 120 -> 30 x 25 tokens) on
# the visible tokens, a 3 x 256 decoder with mask tokens predicting the
# l x 3 values of every token, masked MSE.
# The pretext transforms (they write the model's ids / mask / target and
# must agree with its segment_len and out_channels) are composed by the
# configs after the dataset's augmentation:
#   [*augment, persons, mask_cfg, *pretext]
segment_len = 4
model = dict(
    type='MAMP',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(type='SkeletonTransformer', num_joints=25, num_frames=120,
                  segment_len=segment_len, embed_dims=256, depth=8,
                  num_heads=8),
    neck=dict(type='MaskTokenDecoder', in_channels=256, embed_dims=256,
              depth=3, num_heads=8, num_joints=25, num_frames=120,
              segment_len=segment_len, out_channels=segment_len * 3),
    head=dict(type='ReconstructionHead', loss=dict(type='MaskedMSELoss')))
# motion-aware masking (ratio 0.9, temperature tau; the datasets give
# MAMP's tau as `motion_tau`) and the motion target normalised per token
mask_cfg = dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8,
                segment_len=segment_len)
target_cfg = dict(type='GenerateReconstructionTarget', source='motion',
                  norm='segment', segment_len=segment_len)
pack_cfg = dict(type='PackSkeletonInputs',
                algorithm_keys=('ids_keep', 'ids_masked', 'ids_restore',
                                'mask', 'target'))
pretext = [target_cfg, pack_cfg]
# MAMP's MAE baseline (model type 'MAE'): uniform random masking and the
# joint-coordinate target
mae_pretext = [
    dict(type='RandomTokenMasking', mask_ratio=0.9, segment_len=segment_len),
    dict(target_cfg, source='joint'),
    pack_cfg,
]
