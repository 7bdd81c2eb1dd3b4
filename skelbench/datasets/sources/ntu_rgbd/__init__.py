"""NTU RGB+D 60 / 120 from the raw ``.skeleton`` release.

* :mod:`.naming`: sample names, tasks and benchmark splits;
* :mod:`.skeleton_file`: parsing of one ``.skeleton`` file;
* :mod:`.actor_selection`: the ``'denoise'`` (SGN/MAMP) and ``'energy'``
  (2s-AGCN/ISC) rules that pick two actors;
* :mod:`.conversion`: discovery in folders / zip archives and the
  conversion of a whole release.
"""
from .actor_selection import (SELECTORS, select_actors_denoise,
                              select_actors_energy)
from .conversion import convert_ntu_raw, list_skeleton_files, load_ntu_sample
from .naming import (NTU60_XSUB_TRAIN, NTU60_XVIEW_TRAIN, NTU120_XSUB_TRAIN,
                     NTU_BENCHMARKS, NTU_NAME_RE, NTU_NUM_CLASSES, in_task,
                     ntu_sample_id, ntu_split_of, ntu_splits, parse_ntu_name,
                     read_name_list)
from .skeleton_file import (NUM_JOINTS, SkeletonFileError,
                            parse_skeleton_text, read_skeleton_file)

__all__ = [
    'NTU_NAME_RE', 'NTU60_XSUB_TRAIN', 'NTU120_XSUB_TRAIN',
    'NTU60_XVIEW_TRAIN', 'NTU_BENCHMARKS', 'NTU_NUM_CLASSES', 'NUM_JOINTS',
    'parse_ntu_name', 'ntu_sample_id', 'in_task', 'ntu_split_of',
    'ntu_splits', 'read_name_list', 'SkeletonFileError',
    'parse_skeleton_text', 'read_skeleton_file', 'select_actors_energy',
    'select_actors_denoise', 'SELECTORS', 'load_ntu_sample',
    'list_skeleton_files', 'convert_ntu_raw'
]
