# SkeletonMAE (Wu et al., ICMEW'23): STTFormer encoder (the original 8
# blocks 64-...-256) in tuples of 4 frames with a learnable mask token at
# masked (frame, joint) entries; STTFormer decoder 256 wide x 9 deep + 1x1
# conv to xyz; MSE between the original and the reconstructed sequence
# (loss_on='all'; 'masked' for MAE-style). Set the layout of backbone and
# decoder to the dataset's. Configs compose the pretext transforms after
# the dataset's augmentation: [*augment, persons, mask_cfg, *pretext].
len_parts = 4
model = dict(
    type='SkeletonMAE',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(type='STTFormer', layout='nturgb+d', len_parts=len_parts,
                  mask_token=True),
    decoder=dict(type='STTFormer', layout='nturgb+d', len_parts=len_parts,
                 in_channels=256, embed_dims=256, depth=9),
    head=dict(type='ReconstructionHead', loss=dict(type='MaskedMSELoss')),
    loss_on='all')
# the paper's masking: frames 0.5, then joints 0.5 per remaining frame
mask_cfg = dict(type='SpatioTemporalMasking', frame_ratio=0.5,
                joint_ratio=0.5, joint_mode='random')
pretext = [dict(type='PackSkeletonInputs', algorithm_keys=('mask', ))]
