"""The built-in synthetic skeleton action dataset (no download)."""
from functools import lru_cache
from typing import Optional

import numpy as np

from skelbench.registry import DATASETS

from .skeleton_dataset import SkeletonDataset


@lru_cache(maxsize=4)
def _cached_synthetic(**kwargs) -> dict:
    from .synthetic import generate_synthetic_dataset
    return generate_synthetic_dataset(**kwargs)


@DATASETS.register_module()
class SyntheticSkeletonDataset(SkeletonDataset):
    """Procedural skeleton actions generated in memory for a config.

    Generates the same data as ``tools/data/synthetic/generate.py`` (see
    :func:`skelbench.datasets.synthetic.generate_synthetic_dataset`) and
    caches it per process, so the train and val datasets of a run share one
    generation. Splits: ``xsub_train``/``xsub_val`` and
    ``xview_train``/``xview_val``.

    Args:
        split (str): Split name.
        generator (dict): Keyword arguments of the generator
            (``num_subjects``, ``repeats``, ``seed``, ...).
        **kwargs: See :class:`SkeletonDataset`.
    """

    def __init__(self, split: str = 'xsub_train', generator: dict = None,
                 layout='nturgb+d', **kwargs):
        self.generator_cfg = dict(generator or {})
        super().__init__(ann_file='', split=split, layout=layout, **kwargs)

    def load_raw_annotations(self) -> dict:
        from .synthetic import SYNTHETIC_CLASSES
        # lists from configs become tuples: the cache needs hashable keys
        frozen = {k: tuple(v) if isinstance(v, list) else v
                  for k, v in self.generator_cfg.items()}
        data = _cached_synthetic(**frozen)
        classes = frozen.get('classes') or SYNTHETIC_CLASSES
        classes = tuple(SYNTHETIC_CLASSES[c] if isinstance(c, int) else c
                        for c in classes)
        self._metainfo.setdefault('classes', tuple(classes))
        if self.num_classes is None:
            self.num_classes = len(classes)
        return dict(split=data['split'],
                    annotations=[dict(a) for a in data['annotations']])


@lru_cache(maxsize=4)
def _cached_pool(**kwargs):
    from .synthetic.unlabelled import UnlabelledPool
    return UnlabelledPool(**kwargs)


@DATASETS.register_module()
class SyntheticPretrainDataset(SyntheticSkeletonDataset):
    """Unlabelled pretraining data: a labelled split's training sequences
    plus generated subjects outside the labelled dataset, new items every
    epoch.

    The pool is the ``split``'s sequences (their labels removed) followed by
    :class:`~skelbench.datasets.synthetic.unlabelled.UnlabelledPool`'s
    ``num_unlabelled_subjects`` subjects (ids after the labelled dataset's,
    so never an evaluation subject), in a fixed order shuffled by the
    generator's seed. An epoch has ``samples_per_epoch`` items (default:
    the size of ``split``, so that a schedule written in epochs keeps its
    number of steps); epoch ``e`` reads pool items ``e * L ... (e + 1) * L
    - 1`` (cyclic), so a run of ``E`` epochs sees ``min(E * L, pool)``
    different sequences. Item ``i`` of epoch ``e`` is the same array in
    every process and after a resume (the epoch comes from
    :class:`~skelbench.engine.hooks.PipelineEpochHook`). No item has a
    ``label`` (``frame_dir`` still names the sequence, whose ``A`` field
    is the action: no model may read it). Because an index points to
    another sequence in every epoch, the dataset must be read by an
    epoch-based loop without wrappers that cache per-index information
    (``MultiViewpointDataset`` refuses it).

    Args:
        split (str): The labelled training split whose sequences join the
            pool (``'xsub_train'``), or None for the generated subjects
            only. Any other split raises ``ValueError``.
        generator (dict): Generator arguments, as for
            :class:`SyntheticSkeletonDataset` (shared by the pool).
        num_unlabelled_subjects (int): Generated subjects, >= 2.
        samples_per_epoch (int, optional): Items per epoch.
        **kwargs: See :class:`SkeletonDataset`.
    """

    def __init__(self, split: Optional[str] = 'xsub_train',
                 generator: dict = None, num_unlabelled_subjects: int = 64,
                 samples_per_epoch: Optional[int] = None, **kwargs):
        if split not in (None, 'xsub_train'):
            raise ValueError(
                "SyntheticPretrainDataset: split must be 'xsub_train' or "
                'None (an evaluation split would put test subjects into '
                'pretraining and the probes; the generated subjects are '
                "filmed by every camera, so an xview split would show its "
                f'evaluation camera), got {split!r}')
        self.num_unlabelled_subjects = num_unlabelled_subjects
        self.samples_per_epoch = samples_per_epoch
        self._use_split = split is not None
        super().__init__(split=split or 'xsub_train', generator=generator,
                         **kwargs)
        gen = {k: tuple(v) if isinstance(v, list) else v
               for k, v in self.generator_cfg.items()}
        self.pool = _cached_pool(
            num_unlabelled_subjects=num_unlabelled_subjects, **gen)
        num_labelled = super().__len__() if self._use_split else 0
        self._num_labelled = num_labelled
        total = num_labelled + len(self.pool)
        self._order = np.random.default_rng(
            (self.pool.seed, 0x5eed)).permutation(total)
        if samples_per_epoch is None:
            samples_per_epoch = num_labelled or len(self.pool)
        if isinstance(samples_per_epoch, bool) or not isinstance(
                samples_per_epoch, (int, np.integer)) or \
                samples_per_epoch < 1:
            raise ValueError('SyntheticPretrainDataset: samples_per_epoch '
                             'must be a positive integer, got '
                             f'{samples_per_epoch!r}')
        self._length = int(samples_per_epoch)

    @property
    def pool_size(self) -> int:
        """Different sequences in the pool."""
        return len(self._order)

    def __len__(self) -> int:
        return getattr(self, '_length', None) or super().__len__()

    def pool_index(self, idx: int, epoch: Optional[int] = None) -> int:
        """The pool item read as item ``idx`` of ``epoch`` (default: the
        current epoch)."""
        epoch = self.epoch if epoch is None else epoch
        return int(self._order[(epoch * self._length + idx) %
                               len(self._order)])

    def get_data_info(self, idx: int) -> dict:
        if not hasattr(self, '_order'):  # while the base class initialises
            return super().get_data_info(idx)
        if not 0 <= idx < self._length:
            raise IndexError(f'index {idx} out of range [0, {self._length})')
        n = self.pool_index(idx)
        if n < self._num_labelled:
            info = super().get_data_info(n)
            info.pop('label', None)
        else:
            info = dict(self.pool[n - self._num_labelled])
            info['layout'] = self.layout
        info['sample_idx'] = idx
        return info

    def get_labels(self) -> np.ndarray:
        raise RuntimeError('SyntheticPretrainDataset is unlabelled')

    @classmethod
    def labelled_dataset_cfg(cls, cfg: dict) -> dict:
        """The labelled dataset of the same data for the probes and the
        kNN bank: :class:`SyntheticSkeletonDataset` on ``split`` (default
        ``xsub_train``) with the same generator."""
        cfg = dict(cfg)
        for key in ('num_unlabelled_subjects', 'samples_per_epoch'):
            cfg.pop(key, None)
        cfg['type'] = 'SyntheticSkeletonDataset'
        cfg['split'] = cfg.get('split') or 'xsub_train'
        return cfg
