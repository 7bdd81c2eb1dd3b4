"""Skeleton transforms (registry ``TRANSFORMS``).

See ``docs/transforms.md`` for the reference page. All randomness comes
from ``results['rng']`` (:func:`get_rng`).
"""
from .features import (ConcatStreams, JointToBone, JointToMotion,
                       bone_to_joint, joint_to_bone, joint_to_motion)
from .formatting import FormatPersons, PackSkeletonInputs
from .masking import (MotionAwareMasking, RandomTokenMasking,
                      SpatioTemporalMasking, num_masked_tokens,
                      token_motion)
from .normalization import CenterSkeleton, FillMissingJoints
from .presets import AGCNNormalize, BYOLNormalize, MAMPNormalize
from .spatial import (GaussianNoise, RandomBodyAxisRotation,
                      RandomEulerRotation, RandomFlip, RandomJointJitter,
                      RandomOrthographicProjection, RandomScale,
                      RandomShear, RandomSideDrop, RandomTranslation,
                      SavitzkyGolayFilter, body_facing_angle,
                      body_vertical_axis, euler_rotation_matrix,
                      rodrigues_matrix)
from .targets import (GenerateReconstructionTarget, nat_norm, patchify,
                      segment_norm)
from .temporal import (PadTo, RandomResample, RandomTemporalShift,
                       TemporalCropResize, UniformSampleFrames, resize_time)
from .utils import get_rng, valid_frame_count
from .views import MultiView, MultiViewpointSampling, RandomApply, \
    RandomChoice

__all__ = [
    'FormatPersons', 'PackSkeletonInputs', 'CenterSkeleton',
    'FillMissingJoints',
    'RandomEulerRotation', 'euler_rotation_matrix', 'TemporalCropResize',
    'resize_time', 'get_rng', 'valid_frame_count', 'RandomResample',
    'RandomTemporalShift', 'PadTo', 'UniformSampleFrames', 'RandomShear',
    'RandomBodyAxisRotation', 'RandomFlip', 'RandomTranslation',
    'RandomScale', 'RandomSideDrop', 'RandomJointJitter', 'GaussianNoise',
    'SavitzkyGolayFilter', 'RandomOrthographicProjection',
    'rodrigues_matrix', 'body_vertical_axis', 'body_facing_angle',
    'JointToBone',
    'JointToMotion', 'ConcatStreams', 'joint_to_bone', 'bone_to_joint',
    'joint_to_motion', 'GenerateReconstructionTarget', 'patchify',
    'segment_norm', 'nat_norm', 'MotionAwareMasking', 'RandomTokenMasking',
    'SpatioTemporalMasking', 'num_masked_tokens', 'token_motion',
    'MultiView', 'MultiViewpointSampling', 'RandomChoice', 'RandomApply',
    'MAMPNormalize', 'AGCNNormalize', 'BYOLNormalize'
]
