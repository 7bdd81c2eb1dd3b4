"""Label-fraction subsets for semi-supervised evaluation.

``label_fraction_indices`` draws a class-balanced fraction of a dataset
from a seed with numpy only, so every rank (and every later run) gets the
same subset; :class:`LabelFractionSubset` wraps a dataset config with it
and logs / saves the chosen ids::

    train_dataloader = dict(dataset=dict(
        type='LabelFractionSubset', fraction=0.01, seed=0,
        save_file='work_dirs/xsub_1pct_ids.json',
        dataset=dict(type='SkeletonDataset', ann_file=..., split=...)))

``ids_file=`` reuses a saved (or published) list of ``frame_dir`` ids
instead of drawing.
"""
import hashlib
import json
import os
import os.path as osp
from typing import List, Optional, Sequence

import numpy as np
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


@DATASETS.register_module()
class LabelFractionSubset:
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
        if hasattr(dataset, 'full_init'):
            dataset.full_init()
        self.fraction, self.seed = float(fraction), int(seed)
        infos = [dataset.get_data_info(i) for i in range(len(dataset))]
        ids_all = [info['frame_dir'] for info in infos]
        labels = [info['label'] for info in infos]
        del infos
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
        if save_file is not None:
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
        from .annotation_io import write_text_atomic
        if osp.dirname(path):
            os.makedirs(osp.dirname(path), exist_ok=True)
        write_text_atomic(json.dumps(dict(
            fraction=self.fraction, seed=self.seed, digest=self.digest,
            num_samples=len(self.ids), ids=self.ids), indent=1), path)

    # ------------------------------------------------------------------
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

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(fraction={self.fraction:g}, '
                f'seed={self.seed}, num_samples={len(self)}, '
                f'digest={self.digest})')
