# SkeletonMAE on the built-in synthetic actions with Gong et al.'s NAT joint
# target and the +-45 deg body-axis rotation (not in the SkeletonMAE paper;
# the recipe of skeleton-mae-nat_sttformer-tiny_1xb16-40e_nw-ucla-xview.py):
# the encoder, decoder, masking and ~10-minute budget of
# skeleton-mae_sttformer-tiny_1xb16-15e_synthetic-xsub.py, but the masked
# entries reconstruct the coordinates normalised per tuple of 4 frames,
# joint and axis (GenerateReconstructionTarget(source='joint', norm='nat'),
# Gong et al. eq. 5) instead of the raw coordinates.
_base_ = ['./skeleton-mae_sttformer-tiny_1xb16-15e_synthetic-xsub.py']
model = dict(target_key='target')
# segment_len = the STTFormer tuple length (len_parts); the target is
# computed before the masking
nat_target = dict(type='GenerateReconstructionTarget', source='joint',
                  norm='nat', segment_len=4)
train_dataloader = dict(dataset=dict(pipeline=[
    *_base_.augment, dict(type='RandomBodyAxisRotation', max_angle=0.7854),
    _base_.persons, nat_target, _base_.mask_cfg,
    dict(type='PackSkeletonInputs', algorithm_keys=('mask', 'target'))]))
