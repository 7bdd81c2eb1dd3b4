"""Skeleton transforms (registry ``TRANSFORMS``)."""
from .formatting import FormatPersons, PackSkeletonInputs
from .normalization import CenterSkeleton
from .spatial import RandomEulerRotation, euler_rotation_matrix
from .temporal import TemporalCropResize, resize_time
from .utils import get_rng, valid_frame_count

__all__ = [
    'FormatPersons', 'PackSkeletonInputs', 'CenterSkeleton',
    'RandomEulerRotation', 'euler_rotation_matrix', 'TemporalCropResize',
    'resize_time', 'get_rng', 'valid_frame_count'
]
