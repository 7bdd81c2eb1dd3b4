"""Skeleton transforms (registry ``TRANSFORMS``).

See ``docs/transforms.md`` for the reference page. All randomness comes
from ``results['rng']`` (:func:`get_rng`). Rotation matrices and body
frames are in :mod:`skelbench.datasets.geometry` (re-exported here).
"""
from ..geometry import (body_facing_angle, body_vertical_axis,
                        euler_rotation_matrix, rodrigues_matrix)
from .affine import RandomFlip, RandomScale, RandomShear, RandomTranslation
from .augmented_views import MultiView
from .composition import RandomApply, RandomChoice, build_pipeline
from .corruption import GaussianNoise, RandomJointJitter, RandomSideDrop
from .features import (ConcatStreams, JointToBone, JointToMotion,
                       bone_to_joint, joint_to_bone, joint_to_motion)
from .formatting import FormatPersons, PackSkeletonInputs
from .imputation import FillMissingJoints
from .masking import (MotionAwareMasking, RandomTokenMasking,
                      SpatioTemporalMasking, num_masked_tokens,
                      token_motion)
from .normalization import (AGCNNormalize, BYOLNormalize, CenterSkeleton,
                            MAMPNormalize)
from .rotation import (RandomBodyAxisRotation, RandomEulerRotation,
                       RandomOrthographicProjection)
from .smoothing import SavitzkyGolayFilter
from .targets import (GenerateReconstructionTarget, nat_norm, patchify,
                      segment_norm)
from .temporal import (PadTo, RandomResample, RandomTemporalShift,
                       TemporalCropResize, UniformSampleFrames, resize_time)
from .utils import get_rng, valid_frame_count
from .viewpoints import MultiViewpointSampling

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
    'build_pipeline', 'MAMPNormalize', 'AGCNNormalize', 'BYOLNormalize'
]
