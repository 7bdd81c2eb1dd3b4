"""Datasets (registry ``DATASETS``) and transforms (``TRANSFORMS``)."""
from .nw_ucla_dataset import NWUCLADataset
from .skeleton_dataset import (SkeletonDataset, load_annotation_file,
                               validate_annotation)
from .synthetic_dataset import SyntheticSkeletonDataset
from .transforms import *  # noqa: F401,F403

__all__ = [
    'SkeletonDataset', 'NWUCLADataset', 'SyntheticSkeletonDataset',
    'load_annotation_file', 'validate_annotation'
]
