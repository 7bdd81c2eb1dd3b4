"""NW-UCLA read directly from its JSON release."""
from functools import lru_cache

from skelbench.registry import DATASETS

from .skeleton_dataset import SkeletonDataset
from .sources.nw_ucla import NW_UCLA_CLASSES, load_nw_ucla


@lru_cache(maxsize=2)
def _cached_nw_ucla(root: str) -> dict:
    return load_nw_ucla(root)


@DATASETS.register_module()
class NWUCLADataset(SkeletonDataset):
    """NW-UCLA (20 joints, 10 classes, 3 views) from ``all_sqe`` JSONs.

    Equivalent to a :class:`SkeletonDataset` on the pickle written by
    ``tools/data/nw_ucla/convert.py``, without the conversion step. Splits:
    ``'xview_train'`` (views 1-2, 1,020 sequences) and ``'xview_val'``
    (view 3, 464 sequences).

    Args:
        data_root (str): The ``all_sqe`` folder (or its parent).
        split (str): ``'xview_train'`` or ``'xview_val'``.
        **kwargs: See :class:`SkeletonDataset`.
    """

    METAINFO = dict(classes=NW_UCLA_CLASSES)

    def __init__(self, data_root: str, split: str = 'xview_train',
                 layout='nw-ucla', num_classes: int = 10, **kwargs):
        self.nw_ucla_root = data_root
        super().__init__(ann_file='', split=split, layout=layout,
                         num_classes=num_classes, **kwargs)

    def load_raw_annotations(self) -> dict:
        data = _cached_nw_ucla(self.nw_ucla_root)
        return dict(split=data['split'],
                    annotations=[dict(a) for a in data['annotations']])
