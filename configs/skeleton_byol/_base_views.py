# Skeleton BYOL data processing and views (Moliner et al. §3.2-3.4, §4.2)
# for NTU / PKU-MMD (nturgb+d layout, 2 actor slots). Per camera view:
# centre and rotate to the canonical orientation of the first frame
# (BYOLNormalize), resample at a rate U[0.7, 1.3], crop / repeat to 150
# frames, then
#   T1 (aggressive): Savitzky-Golay (order 2, window 15) with p 0.5, shear
#     (six factors U[-1, 1]), cyclic temporal shift U{0..150}, joint + bone
#     streams (6 channels), left / right side drop with p 0.5 (of both
#     streams);
#   T2 (conservative): joint + bone streams only.
# Multi-viewpoint sampling: MultiViewpointDataset(iterate='performance')
# runs an epoch over performances and MultiViewpointSampling draws the two
# camera views of one performance with replacement; view 1 <- T1, view 2 <- T2.
byol_clip_len = 150
normalize = dict(type='BYOLNormalize')
resample = dict(type='RandomResample', rate_range=(0.7, 1.3))
crop = dict(type='PadTo', length=byol_clip_len, mode='repeat',
            crop='random')
streams = [dict(type='JointToBone'),
           dict(type='ConcatStreams', keys=('keypoint', 'bone'))]
view_persons = dict(type='FormatPersons', num_persons=2, mode='zero')
t1 = [normalize, resample, crop,
      dict(type='SavitzkyGolayFilter', window_length=15, polyorder=2, p=0.5),
      dict(type='RandomShear', shear=1.0),
      dict(type='RandomTemporalShift', max_shift=byol_clip_len),
      *streams,
      dict(type='RandomSideDrop', p=0.5),
      view_persons]
t2 = [normalize, resample, crop, *streams, view_persons]
viewpoints = dict(type='MultiViewpointSampling', num_views=2,
                  include_self=True, replace=True)
pack = dict(type='PackSkeletonInputs')
byol_pipeline = [viewpoints, dict(type='MultiView', pipelines=[t1, t2]), pack]
# ablations (Table 2): without multi-viewpoint sampling both views come from
# the sample; without asymmetric pipelines both views go through T1
byol_pipeline_no_mvs = [dict(type='MultiView', pipelines=[t1, t2]), pack]
byol_pipeline_sym = [viewpoints, dict(type='MultiView', pipelines=[t1, t1]),
                     pack]
byol_pipeline_no_mvs_sym = [dict(type='MultiView', pipelines=[t1, t1]), pack]
# downstream: conservative augmentation for training, a centred crop for
# testing
probe_train_pipeline = [*t2, pack]
probe_test_pipeline = [normalize,
                       dict(type='PadTo', length=byol_clip_len, mode='repeat',
                            crop='center'),
                       *streams, view_persons, pack]
