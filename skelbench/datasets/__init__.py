"""Datasets (registry ``DATASETS``) and transforms (``TRANSFORMS``)."""
from .annotation_io import (UnsafePickleError, dump_annotation_file,
                            load_annotation_file, safe_pickle_load,
                            validate_annotation)
from .nw_ucla_dataset import NWUCLADataset
from .performances import MultiViewpointDataset, group_by_performance
from .skeleton_dataset import SkeletonDataset
from .subsets import (HoldoutSubset, LabelFractionSubset, holdout_indices,
                      label_fraction_indices)
from .synthetic_dataset import (SyntheticPretrainDataset,
                                SyntheticSkeletonDataset)
from .transforms import *  # noqa: F401,F403

__all__ = [
    'SkeletonDataset', 'NWUCLADataset', 'SyntheticSkeletonDataset',
    'SyntheticPretrainDataset',
    'load_annotation_file', 'validate_annotation', 'LabelFractionSubset',
    'HoldoutSubset', 'holdout_indices',
    'label_fraction_indices', 'MultiViewpointDataset', 'group_by_performance',
    'dump_annotation_file', 'safe_pickle_load', 'UnsafePickleError'
]
