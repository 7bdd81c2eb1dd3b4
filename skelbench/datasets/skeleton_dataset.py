"""The standard skeleton dataset of skelbench.

It reads an annotation pickle (format and loading rules:
:mod:`skelbench.datasets.annotation_io`, ``docs/data_format.md``).
"""
from typing import Callable, List, Optional, Sequence, Union

import numpy as np
import torch
from mmengine.dataset import BaseDataset

from skelbench.layouts import get_layout
from skelbench.registry import DATASETS, TRANSFORMS

from .annotation_io import load_annotation_file, validate_annotation


@DATASETS.register_module()
class SkeletonDataset(BaseDataset):
    """Skeleton sequences from a standard annotation pickle.

    Each item is ``pipeline(info)`` where ``info`` holds the annotation's
    fields (``keypoint`` as float32 ``(M, T, V, C)``), ``sample_idx``, the
    dataset's ``layout`` (the :class:`SkeletonLayout` object, so that a
    layout defined inline in a config reaches every transform) and ``rng``:
    a :class:`numpy.random.Generator` seeded from
    ``(seed, epoch, sample_idx)``. Random transforms draw from
    ``rng`` only, so augmentations are reproducible for a seed, independent
    of the number of workers and identical after a resume; the epoch is set
    by :class:`skelbench.engine.hooks.PipelineEpochHook`.

    Args:
        ann_file (str): Annotation pickle.
        pipeline (list): Transforms (configs or callables).
        split (str, optional): Name of a split in the file's ``'split'``.
        layout (str | dict): Skeleton layout; ``V`` must match.
        num_classes (int, optional): Number of classes; labels are checked
            against it. Defaults to ``max(label) + 1`` over the file.
        seed (int): Base seed of the augmentation streams.
        data_root (str): Prefix of ``ann_file``.
        test_mode (bool): Test mode (no refetch of failed samples).
        **kwargs: Other :class:`mmengine.dataset.BaseDataset` arguments.
    """

    METAINFO: dict = dict()

    def __init__(self,
                 ann_file: str = '',
                 pipeline: Sequence[Union[dict, Callable]] = (),
                 split: Optional[str] = None,
                 layout: Union[str, dict] = 'nturgb+d',
                 num_classes: Optional[int] = None,
                 seed: int = 0,
                 data_root: str = '',
                 test_mode: bool = False,
                 **kwargs):
        self.split = split
        self.layout = get_layout(layout)
        self.num_classes = num_classes
        self.seed = int(seed)
        # Shared-memory epoch counter: written by PipelineEpochHook in the
        # main process, read by the (possibly persistent) worker copies.
        self._epoch = torch.zeros((), dtype=torch.int64).share_memory_()
        built = [TRANSFORMS.build(t) if isinstance(t, dict) else t
                 for t in pipeline]
        super().__init__(ann_file=ann_file, data_root=data_root,
                         pipeline=built, test_mode=test_mode, **kwargs)

    # ------------------------------------------------------------------
    def set_epoch(self, epoch: int) -> None:
        self._epoch.fill_(int(epoch))

    def set_seed(self, seed: int) -> None:
        self.seed = int(seed)

    @property
    def epoch(self) -> int:
        return int(self._epoch.item())

    def _copy_without_annotation(self, memo: Optional[dict] = None):
        """The copy behind :meth:`get_subset` (subsets, holdout parts).

        mmengine's version deep-copies with a ``memo`` dict that is its
        default argument, shared by every call in the process: a stale
        entry whose object id was reused could be returned in place of a
        transform. Each copy here gets its own memo, and the copy's epoch
        counter is moved to shared memory again (``deepcopy`` makes a
        private tensor), so persistent workers of a subset see
        :meth:`set_epoch`.
        """
        other = super()._copy_without_annotation({} if memo is None else memo)
        other._epoch = other._epoch.share_memory_()
        return other

    # ------------------------------------------------------------------
    def load_raw_annotations(self) -> dict:
        """The ``{'split', 'annotations'}`` dict; subclasses may generate
        it instead of reading ``ann_file``."""
        return load_annotation_file(self.ann_file)

    def load_data_list(self) -> List[dict]:
        data = self.load_raw_annotations()
        source = self.ann_file or type(self).__name__
        annos = data['annotations']
        if not isinstance(annos, (list, tuple)) or len(annos) == 0:
            raise ValueError(f"{source}: 'annotations' must be a non-empty "
                             'list')
        labels = [a.get('label') if isinstance(a, dict) else None
                  for a in annos]
        if self.num_classes is None:
            ints = [int(x) for x in labels
                    if isinstance(x, (int, np.integer))]
            self.num_classes = max(ints) + 1 if ints else None
        if self.split is not None:
            splits = data.get('split')
            if not isinstance(splits, dict):
                raise ValueError(f"{source}: split={self.split!r} was "
                                 "requested but the file has no 'split' "
                                 'dict')
            if self.split not in splits:
                raise KeyError(f'{source}: unknown split {self.split!r}; '
                               f'available: {sorted(splits)}')
            wanted = set(splits[self.split])
            key = lambda a: a.get('frame_dir', a.get('filename'))  # noqa
            selected = [(i, a) for i, a in enumerate(annos)
                        if key(a) in wanted]
            found = {key(a) for _, a in selected}
            if len(found) != len(wanted):
                lost = sorted(wanted - found)[:5]
                raise ValueError(f'{source}: split {self.split!r} lists '
                                 f'{len(wanted) - len(found)} ids without '
                                 f'annotation, e.g. {lost}')
        else:
            selected = list(enumerate(annos))
        data_list = []
        for i, anno in selected:
            anno = validate_annotation(dict(anno), i, source,
                                       self.layout.num_joints,
                                       self.num_classes)
            data_list.append(anno)
        if self.split is not None and not data_list:
            raise ValueError(f'{source}: split {self.split!r} is empty')
        ids = [a['frame_dir'] for a in data_list]
        if len(set(ids)) != len(ids):
            dup = [i for i in set(ids) if ids.count(i) > 1][:5]
            raise ValueError(f'{source}: duplicated frame_dir ids {dup}')
        self._metainfo.update(
            num_classes=self.num_classes, layout=self.layout.name,
            classes=self._metainfo.get(
                'classes', tuple(str(c) for c in range(self.num_classes))))
        return data_list

    def get_data_info(self, idx: int) -> dict:
        info = super().get_data_info(idx)
        info['layout'] = self.layout
        info['keypoint'] = info['keypoint'].astype(np.float32, copy=False)
        return info

    def prepare_data(self, idx: int):
        info = self.get_data_info(idx)
        epoch = 0 if self.test_mode else self.epoch
        info['rng'] = np.random.default_rng(
            [self.seed, epoch, int(info['sample_idx'])])
        return self.pipeline(info)

    def get_labels(self) -> np.ndarray:
        return np.array([self.get_data_info(i)['label']
                         for i in range(len(self))], dtype=np.int64)
