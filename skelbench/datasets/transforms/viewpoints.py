"""Camera viewpoints: drawing the camera views of one performance.

A performance filmed by several cameras (NTU cameras 1-3, PKU-MMD views
L/M/R, NW-UCLA views 1-3) gives one sample per camera; the dataset wrapper
:class:`~skelbench.datasets.MultiViewpointDataset` hands a sample the
other cameras' keypoints and :class:`MultiViewpointSampling` draws from
them. Augmented views of one sample are in :mod:`.augmented_views`.
"""
import numpy as np
from mmcv.transforms import BaseTransform

from skelbench.registry import TRANSFORMS

from .utils import get_rng


@TRANSFORMS.register_module()
class MultiViewpointSampling(BaseTransform):
    """Draw camera views of one performance (skeleton BYOL).

    Moliner et al. (CVPRW'22) multi-viewpoint sampling: the views of a
    performance recorded by several cameras are drawn with replacement
    (``num_views`` of them) and each goes through its own view pipeline
    (:class:`~.augmented_views.MultiView`, placed after this
    transform). This is the
    transform side only: the dataset must supply
    ``results['performance_views']``, the keypoint arrays of the *other*
    camera views of the same performance, as
    :class:`~skelbench.datasets.MultiViewpointDataset` does. Without it (or
    with an empty list) every view is the sample itself.

    Required keys: ``keypoint`` (M, T, V, C), ``performance_views``
    (optional list of (M, T_j, V, C) arrays).
    Added keys: ``view_keypoints`` (list of ``num_views`` arrays),
    ``view_indices`` (0 = the sample, j = ``performance_views[j - 1]``).
    Modified keys: ``keypoint`` = the first drawn view, ``total_frames``.

    With ``replace=False`` the views are distinct cameras whenever the
    pool has at least ``num_views`` of them (else drawn with replacement).

    Added keys (with ``performance_view_ids``): ``view_ids``, the
    ``frame_dir`` of every drawn view.

    Args:
        num_views (int): Views to draw (BYOL 2).
        include_self (bool): Whether the sample's own view is in the pool.
        replace (bool): Draw with replacement (the paper: two viewpoints
            "may be identical").
    """

    def __init__(self, num_views: int = 2, include_self: bool = True,
                 replace: bool = True):
        if int(num_views) < 1:
            raise ValueError(f'num_views must be >= 1, got {num_views}')
        self.num_views = int(num_views)
        self.include_self = bool(include_self)
        self.replace = bool(replace)

    def transform(self, results: dict) -> dict:
        others = list(results.get('performance_views') or [])
        pool = [results['keypoint']] + others
        ids = np.arange(len(pool))
        if not self.include_self and others:
            ids = ids[1:]
        replace = self.replace or len(ids) < self.num_views
        pick = get_rng(results).choice(ids, size=self.num_views,
                                       replace=replace)
        results['view_indices'] = pick
        names = results.get('performance_view_ids')
        if names is not None:
            names = [results.get('frame_dir')] + list(names)
            results['view_ids'] = [names[j] for j in pick]
        results['view_keypoints'] = [pool[j] for j in pick]
        results['keypoint'] = pool[pick[0]]
        results['total_frames'] = pool[pick[0]].shape[1]
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(num_views={self.num_views}, '
                f'include_self={self.include_self}, replace={self.replace})')
