# SkeletonMAE (Wu et al., ICMEW'23), paper recipe: STTFormer encoder (the
# original 8 blocks 64-...-256) on sequences "limited to 20 frames for all
# experiments" (paper 4.2): T = 20 in tuples of 4 frames (-> 5 tuples of
# 4 x 25 joints; the paper does not give the tuple length and STTFormer's
# 6 does not divide 20. The other reading, STTFormer's own 120 frames in
# 20 tuples of 6: clip_len=120, len_parts=6),
# with a learnable mask token at masked (frame, joint) entries, STTFormer
# decoder 256 wide x 9 deep + 1x1 conv to xyz; spatio-temporal masking
# (frames 0.5, then joints 0.5 per remaining frame, random per frame);
# MSE between the original and the reconstructed sequence. Adam lr 0.005,
# wd 1e-4, batch 64, 200 epochs, x0.1 at 60 / 90 / 110.
_base_ = ['../_base_/default_runtime.py']
dataset_type = 'SkeletonDataset'
ann_file = 'data/ntu60/ntu60_3danno.pkl'
clip_len = 20
len_parts = 4
train_pipeline = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=clip_len, ratio_range=(0.5, 1.),
         min_len=64),
    dict(type='RandomEulerRotation', theta=0.3),
    dict(type='FormatPersons', num_persons=2),
    dict(type='SpatioTemporalMasking', frame_ratio=0.5, joint_ratio=0.5,
         joint_mode='random'),
    dict(type='PackSkeletonInputs', algorithm_keys=('mask', )),
]
train_dataloader = dict(
    batch_size=64, num_workers=8, persistent_workers=True, drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type=dataset_type, ann_file=ann_file, split='xsub_train',
                 pipeline=train_pipeline))
model = dict(
    type='SkeletonMAE',
    data_preprocessor=dict(type='SkeletonDataPreprocessor'),
    backbone=dict(type='STTFormer', layout='nturgb+d', len_parts=len_parts,
                  mask_token=True),
    decoder=dict(type='STTFormer', layout='nturgb+d', len_parts=len_parts,
                 in_channels=256, embed_dims=256, depth=9),
    head=dict(type='ReconstructionHead', loss=dict(type='MaskedMSELoss')),
    loss_on='all')
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='Adam', lr=0.005,
                                    weight_decay=1e-4))
param_scheduler = [dict(type='MultiStepLR', milestones=[60, 90, 110],
                        gamma=0.1, by_epoch=True)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=200)
default_hooks = dict(checkpoint=dict(interval=20, save_best=None))
