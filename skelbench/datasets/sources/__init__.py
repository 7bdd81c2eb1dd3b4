"""Readers that turn raw dataset releases into standard annotations."""
from ..annotation_io import dump_annotation_file
from .importers import (add_ntu_metadata, import_npy, import_npz,
                        sgn_split_order)
from .ntu_rgbd import (NTU60_XSUB_TRAIN, NTU120_XSUB_TRAIN, SkeletonFileError,
                       convert_ntu_raw, load_ntu_sample, ntu_splits,
                       parse_ntu_name, read_skeleton_file)
from .nw_ucla import (NW_UCLA_CLASSES, convert_nw_ucla, load_nw_ucla,
                      read_nw_ucla_file)
from .pku_mmd import (PKUFileError, convert_pku_mmd, read_pku_labels,
                      read_pku_skeleton, read_pku_split)

__all__ = [
    'load_nw_ucla', 'convert_nw_ucla', 'read_nw_ucla_file',
    'NW_UCLA_CLASSES', 'convert_ntu_raw', 'load_ntu_sample',
    'read_skeleton_file', 'parse_ntu_name', 'ntu_splits', 'SkeletonFileError',
    'NTU60_XSUB_TRAIN', 'NTU120_XSUB_TRAIN', 'convert_pku_mmd',
    'read_pku_skeleton', 'read_pku_labels', 'read_pku_split', 'PKUFileError',
    'import_npz', 'import_npy', 'sgn_split_order', 'add_ntu_metadata',
    'dump_annotation_file'
]
