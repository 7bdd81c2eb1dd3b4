"""Seeded, class-balanced subsets of a training split.

* :func:`label_fraction_indices` draws a class-balanced fraction of a
  dataset from a seed with numpy only, so every rank (and every later run)
  gets the same subset;
* :class:`LabelFractionSubset` (semi-supervised protocols) keeps such a
  fraction of the labelled training samples::

    train_dataloader = dict(dataset=dict(
        type='LabelFractionSubset', fraction=0.01, seed=0,
        save_file='work_dirs/xsub_1pct_ids.json',
        dataset=dict(type='SkeletonDataset', ann_file=..., split=...)))

  ``ids_file=`` reuses a saved (or published) list of ``frame_dir`` ids
  instead of drawing;
* :class:`HoldoutSubset` (model selection) splits the training split into a
  training part and a held-out validation part; the two configs differ only
  in ``part`` (and the validation part's test pipeline)::

    holdout = dict(val_fraction=0.1, seed=0)
    train_dataloader = dict(dataset=dict(
        type='HoldoutSubset', part='train', **holdout, dataset=train_set))
    val_dataloader = dict(dataset=dict(
        type='HoldoutSubset', part='val', **holdout,
        dataset=dict(train_set, pipeline=test_pipeline, test_mode=True)))

Both write the chosen ids (JSON) with ``save_file``, from rank 0 only.
"""
import hashlib
import json
import os
import os.path as osp
from typing import List, Optional, Sequence, Tuple

import numpy as np
from mmengine.dist import is_main_process
from mmengine.logging import print_log

from skelbench.registry import DATASETS


def label_fraction_indices(labels: Sequence[int], fraction: float,
                           seed: int = 0, min_per_class: int = 1
                           ) -> np.ndarray:
    """Class-balanced subset indices.

    For each class ``c`` (with ``n_c`` samples) ``max(min_per_class,
    round(fraction * n_c))`` samples (at most ``n_c``) are drawn without
    replacement by ``numpy.random.default_rng([seed, c])``, so the draw of
    one class does not depend on the others.

    Returns:
        np.ndarray: Sorted int64 indices.
    """
    fraction = float(fraction)
    if not 0 < fraction <= 1:
        raise ValueError(f'fraction must be in (0, 1], got {fraction}')
    labels = np.asarray(labels, dtype=np.int64)
    picked = []
    for c in np.unique(labels):
        idx = np.flatnonzero(labels == c)
        k = min(len(idx), max(int(min_per_class),
                              int(np.floor(fraction * len(idx) + 0.5))))
        rng = np.random.default_rng([int(seed), int(c)])
        picked.append(rng.choice(idx, size=k, replace=False))
    return np.sort(np.concatenate(picked)) if picked else \
        np.zeros(0, np.int64)


def subset_digest(ids: Sequence[str]) -> str:
    """Short sha1 of the sorted ids (to compare subsets in logs)."""
    h = hashlib.sha1('\n'.join(sorted(map(str, ids))).encode())
    return h.hexdigest()[:12]


def _infos(dataset):
    """``(ids, labels)``: ``frame_dir`` and ``label`` of every sample."""
    if hasattr(dataset, 'full_init'):
        dataset.full_init()
    ids, labels = [], []
    for i in range(len(dataset)):
        info = dataset.get_data_info(i)
        ids.append(info['frame_dir'])
        labels.append(info['label'])
    return ids, labels


def _write_ids(path: str, **fields) -> None:
    """Write ``fields`` (with the chosen ``ids``) as JSON, atomically."""
    from .annotation_io import write_text_atomic
    if osp.dirname(path):
        os.makedirs(osp.dirname(path), exist_ok=True)
    write_text_atomic(json.dumps(fields, indent=1), path)


class _IndexSubset:
    """The wrapped dataset restricted to ``self.dataset`` (its
    ``get_subset``): length, items, ``metainfo`` and every other attribute
    (``set_epoch``, ``set_seed``, ...) come from it."""

    def __len__(self) -> int:
        return len(self.dataset)

    def __getitem__(self, idx: int):
        return self.dataset[idx]

    def __getattr__(self, name: str):
        if name == 'dataset':  # not yet set: avoid recursion
            raise AttributeError(name)
        return getattr(self.dataset, name)

    @property
    def metainfo(self) -> dict:
        return self.dataset.metainfo


@DATASETS.register_module()
class LabelFractionSubset(_IndexSubset):
    """A class-balanced fraction of a dataset (semi-supervised protocols).

    Behaves as the wrapped dataset restricted to the subset
    (``dataset.get_subset``): same pipeline, metainfo, ``set_epoch`` /
    ``set_seed`` (the sample generators are seeded by the subset index).
    The chosen ids are logged (count, fraction, seed and a digest) and,
    with ``save_file``, written as JSON ``{'fraction', 'seed', 'digest',
    'ids': [...]}`` so a result can be reproduced.

    Args:
        dataset (dict | Dataset): The dataset or its config.
        fraction (float): Fraction per class in (0, 1] (0.01 = 1 %).
        seed (int): Seed of the draw (not the training seed).
        min_per_class (int): At least this many samples per class.
        ids_file (str, optional): JSON written by ``save_file`` (or a text
            file of ``frame_dir`` ids, one a line): use these ids instead
            of drawing; an id missing from the dataset is an error.
        save_file (str, optional): Where to save the chosen ids.
    """

    def __init__(self, dataset, fraction: float = 0.1, seed: int = 0,
                 min_per_class: int = 1, ids_file: Optional[str] = None,
                 save_file: Optional[str] = None):
        if isinstance(dataset, dict):
            dataset = DATASETS.build(dataset)
        self.fraction, self.seed = float(fraction), int(seed)
        ids_all, labels = _infos(dataset)
        if ids_file is not None:
            wanted = self.read_ids(ids_file)
            where = {k: i for i, k in enumerate(ids_all)}
            lost = [k for k in wanted if k not in where]
            if lost:
                raise ValueError(f'{ids_file}: {len(lost)} ids are not in '
                                 f'the dataset, e.g. {lost[:3]}')
            indices = np.sort(np.array([where[k] for k in wanted],
                                       dtype=np.int64))
        else:
            indices = label_fraction_indices(labels, fraction, seed,
                                             min_per_class)
        self.indices: List[int] = [int(i) for i in indices]
        self.ids: List[str] = [ids_all[i] for i in self.indices]
        self.digest = subset_digest(self.ids)
        self.dataset = dataset.get_subset(self.indices)
        src = ids_file or f'fraction={self.fraction:g}, seed={self.seed}'
        print_log(f'LabelFractionSubset: {len(self.ids)} of {len(ids_all)} '
                  f'samples ({src}); ids digest {self.digest}; first ids '
                  f'{self.ids[:5]}', logger='current')
        if save_file is not None and is_main_process():
            self.save(save_file)

    # ------------------------------------------------------------------
    @staticmethod
    def read_ids(path: str) -> List[str]:
        """Ids of a saved JSON subset or of a one-id-a-line text file."""
        with open(path) as f:
            text = f.read()
        if text.lstrip().startswith('{'):
            return list(json.loads(text)['ids'])
        return [ln.strip() for ln in text.splitlines() if ln.strip()]

    def save(self, path: str) -> None:
        """Write the chosen ids (JSON) atomically."""
        _write_ids(path, fraction=self.fraction, seed=self.seed,
                   digest=self.digest, num_samples=len(self.ids),
                   ids=self.ids)

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(fraction={self.fraction:g}, '
                f'seed={self.seed}, num_samples={len(self)}, '
                f'digest={self.digest})')


def holdout_indices(labels: Sequence[int], val_fraction: float,
                    seed: int = 0) -> Tuple[np.ndarray, np.ndarray]:
    """Class-balanced, seeded ``(train_idx, val_idx)`` of a training split.

    The validation part is :func:`label_fraction_indices` ``(labels,
    val_fraction, seed)`` (at least one sample of each class), the training
    part the rest.

    Raises:
        ValueError: If ``val_fraction`` is not in ``(0, 1)``, or a class
            would have no training sample left (the message names the
            classes).
    """
    val_fraction = float(val_fraction)
    if not 0 < val_fraction < 1:
        raise ValueError(f'val_fraction must be in (0, 1), got {val_fraction}')
    labels = np.asarray(labels, dtype=np.int64)
    val = label_fraction_indices(labels, val_fraction, seed=seed)
    train = np.setdiff1d(np.arange(len(labels)), val)
    lost = np.setdiff1d(np.unique(labels), labels[train])
    if len(lost):
        raise ValueError(f'val_fraction={val_fraction:g} leaves no training '
                         f'sample of classes {lost.tolist()[:10]} (each has '
                         'a single sample)')
    return train, val


@DATASETS.register_module()
class HoldoutSubset(_IndexSubset):
    """The training or the held-out validation part of a training split.

    Model selection on the test set overstates a protocol's accuracy; a
    validation part held out of the training split does not. Both parts
    come from :func:`holdout_indices` ``(labels, val_fraction, seed)``:
    numpy only, so every rank, and the ``part='train'`` and ``part='val'``
    datasets of one run, draw the same split. Build the validation part
    from the same dataset through the test pipeline.

    Args:
        dataset (dict | Dataset): The training split or its config.
        part (str): ``'train'`` or ``'val'``.
        val_fraction (float): Fraction of each class held out, in
            ``(0, 1)``.
        seed (int): Seed of the split (not the training seed).
        save_file (str, optional): Where rank 0 writes the split as JSON
            ``{'val_fraction', 'seed', 'digest', 'train_ids', 'val_ids'}``
            (``digest`` of the validation ids).
    """

    def __init__(self, dataset, part: str = 'train',
                 val_fraction: float = 0.1, seed: int = 0,
                 save_file: Optional[str] = None):
        if part not in ('train', 'val'):
            raise ValueError(f"HoldoutSubset: part must be 'train' or 'val', "
                             f'got {part!r}')
        if isinstance(dataset, dict):
            dataset = DATASETS.build(dataset)
        self.part, self.seed = part, int(seed)
        self.val_fraction = float(val_fraction)
        ids_all, labels = _infos(dataset)
        train, val = holdout_indices(labels, val_fraction, seed)
        self.train_ids = [ids_all[i] for i in train]
        self.val_ids = [ids_all[i] for i in val]
        self.indices: List[int] = [int(i) for i in
                                   (train if part == 'train' else val)]
        self.ids: List[str] = self.train_ids if part == 'train' \
            else self.val_ids
        self.digest = subset_digest(self.val_ids)
        self.dataset = dataset.get_subset(self.indices)
        print_log(f'HoldoutSubset({part}): {len(self.ids)} of '
                  f'{len(ids_all)} samples (val_fraction='
                  f'{self.val_fraction:g}, seed={self.seed}); validation '
                  f'ids digest {self.digest}', logger='current')
        if save_file is not None and is_main_process():
            _write_ids(save_file, val_fraction=self.val_fraction,
                       seed=self.seed, digest=self.digest,
                       train_ids=self.train_ids, val_ids=self.val_ids)

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(part={self.part!r}, '
                f'val_fraction={self.val_fraction:g}, seed={self.seed}, '
                f'num_samples={len(self)}, digest={self.digest})')
