"""Random composition of transforms, drawn from the sample's generator.

Unlike mmcv's ``RandomChoice`` / ``RandomApply`` the wrappers here draw
from ``results['rng']`` (never NumPy's global generator), so a sample's
augmentation is reproducible for a seed.
"""
from typing import Optional, Sequence

import numpy as np
from mmcv.transforms import BaseTransform, Compose

from skelbench.registry import TRANSFORMS

from .utils import check_prob, get_rng


def build_pipeline(pipeline) -> Compose:
    """A :class:`~mmcv.transforms.Compose` of transform configs/objects.

    Args:
        pipeline (list | dict): Transform configs (or built transforms);
            a single dict is a one-transform pipeline.
    """
    if isinstance(pipeline, dict):
        pipeline = [pipeline]
    return Compose([TRANSFORMS.build(t) if isinstance(t, dict) else t
                    for t in pipeline])


@TRANSFORMS.register_module()
class RandomChoice(BaseTransform):
    """Apply one of several transforms, drawn from the sample's generator.

    ISC (Thoker et al.): after the temporal crop, one spatial augmentation
    chosen at random (shear or joint jitter, p = 0.5 each). Unlike mmcv's
    ``RandomChoice`` it uses ``results['rng']``, not numpy's global RNG.

    Required / modified keys: those of the chosen transform.

    Args:
        transforms (list): Candidates, each a transform config or a list
            of them.
        prob (Sequence[float], optional): Probabilities (default uniform).
    """

    def __init__(self, transforms: list, prob: Optional[Sequence] = None):
        if not transforms:
            raise ValueError('transforms must be a non-empty list')
        self.transforms = [build_pipeline(t) for t in transforms]
        if prob is None:
            prob = [1 / len(transforms)] * len(transforms)
        prob = np.asarray(prob, dtype=np.float64)
        if (prob.shape != (len(transforms), ) or (prob < 0).any()
                or not np.isclose(prob.sum(), 1)):
            raise ValueError('prob must have one non-negative entry per '
                             f'transform and sum to 1, got {prob.tolist()}')
        self.prob = prob

    def transform(self, results: dict) -> dict:
        idx = int(get_rng(results).choice(len(self.transforms), p=self.prob))
        return self.transforms[idx](results)

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(transforms={self.transforms}, '
                f'prob={self.prob.tolist()})')


@TRANSFORMS.register_module()
class RandomApply(BaseTransform):
    """Apply a transform (or a list) with probability ``prob``.

    Uses ``results['rng']`` (mmcv's ``RandomApply`` uses the global RNG).

    Args:
        transforms (list | dict): Transform config(s).
        prob (float): Probability of applying them.
    """

    def __init__(self, transforms, prob: float = 0.5):
        self.transforms = build_pipeline(transforms)
        self.prob = check_prob('prob', prob)

    def transform(self, results: dict) -> dict:
        if get_rng(results).random() < self.prob:
            return self.transforms(results)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(transforms={self.transforms}, '
                f'prob={self.prob})')
