"""The built-in synthetic skeleton action dataset (no download)."""
from functools import lru_cache

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
