"""Datasets (registry ``DATASETS``) and transforms (``TRANSFORMS``)."""
from .grouping import MultiViewpointDataset, group_by_performance
from .nw_ucla_dataset import NWUCLADataset
from .skeleton_dataset import (SkeletonDataset, load_annotation_file,
                               validate_annotation)
from .subsets import LabelFractionSubset, label_fraction_indices
from .synthetic_dataset import SyntheticSkeletonDataset
from .transforms import *  # noqa: F401,F403

__all__ = [
    'SkeletonDataset', 'NWUCLADataset', 'SyntheticSkeletonDataset',
    'load_annotation_file', 'validate_annotation', 'LabelFractionSubset',
    'label_fraction_indices', 'MultiViewpointDataset', 'group_by_performance'
]
