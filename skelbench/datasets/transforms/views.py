"""Multi-view wrappers and random composition.

The views share the sample's generator (``results['rng']``), drawn from
in order, so a sample's views are reproducible for a seed.
"""
import copy
from typing import List, Optional, Sequence

import numpy as np
from mmcv.transforms import BaseTransform, Compose

from skelbench.registry import TRANSFORMS

from .utils import check_prob, get_rng


def _build(pipeline) -> Compose:
    if isinstance(pipeline, dict):
        pipeline = [pipeline]
    return Compose([TRANSFORMS.build(t) if isinstance(t, dict) else t
                    for t in pipeline])


def _copy_results(results: dict) -> dict:
    out = {}
    for k, v in results.items():
        if k in ('view_keypoints', 'performance_views'):
            continue
        if k == 'rng':
            out[k] = v  # shared: the views draw from one stream
        elif isinstance(v, np.ndarray):
            out[k] = v.copy()
        else:
            out[k] = copy.deepcopy(v)
    return out


@TRANSFORMS.register_module()
class MultiView(BaseTransform):
    """Produce ``n`` views, each from its own sub-pipeline.

    Skeleton BYOL (Moliner et al.): view 1 <- aggressive pipeline T1, view
    2 <- conservative T2; ISC (Thoker et al.): two spatio-temporal views of
    one pipeline. Each view runs on a copy of the results; the views draw
    from the sample's generator one after the other. When
    ``results['view_keypoints']`` exists (see
    :class:`MultiViewpointSampling`), view ``i`` starts from its ``i``-th
    camera view instead of ``keypoint``.

    Required keys: ``keypoint`` (M, T, V, C).
    Modified keys: each of ``collect_keys`` becomes a list with one entry
    per view (``keypoint`` -> list of (M, T_i, V, C_i) arrays).

    Args:
        pipelines (list): One pipeline (a list of transform configs) per
            view, or a single pipeline used for all ``num_views`` views.
        num_views (int, optional): Number of views when one pipeline is
            given (default: ``len(pipelines)``).
        collect_keys (Sequence[str]): Keys gathered per view (e.g. add
            ``'mask'``, ``'target'``); keys a view lacks are skipped.
    """

    def __init__(self, pipelines: list, num_views: Optional[int] = None,
                 collect_keys: Sequence[str] = ('keypoint', )):
        if not isinstance(pipelines, (list, tuple)) or not pipelines:
            raise ValueError('pipelines must be a non-empty list of '
                             f'pipelines, got {pipelines!r}')
        nested = all(isinstance(p, (list, tuple)) for p in pipelines)
        if not nested:  # a single flat pipeline
            pipelines = [pipelines]
        n = len(pipelines) if num_views is None else int(num_views)
        if n < 1:
            raise ValueError(f'num_views must be >= 1, got {num_views}')
        if len(pipelines) not in (1, n):
            raise ValueError(f'got {len(pipelines)} pipelines for '
                             f'num_views={n}; give 1 or {n}')
        self.pipelines: List[Compose] = [_build(p) for p in pipelines]
        self.num_views = n
        self.collect_keys = tuple(collect_keys)

    def transform(self, results: dict) -> dict:
        views = []
        cams = results.get('view_keypoints')
        for i in range(self.num_views):
            res = _copy_results(results)
            if cams is not None:
                res['keypoint'] = cams[i % len(cams)].copy()
                res['total_frames'] = res['keypoint'].shape[1]
            pipe = self.pipelines[i if len(self.pipelines) > 1 else 0]
            out = pipe(res)
            if out is None:
                return None
            views.append(out)
        for key in self.collect_keys:
            if key in views[0]:
                results[key] = [v[key] for v in views]
        results.pop('view_keypoints', None)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(num_views={self.num_views}, '
                f'pipelines={self.pipelines}, '
                f'collect_keys={self.collect_keys})')


@TRANSFORMS.register_module()
class MultiViewpointSampling(BaseTransform):
    """Draw camera views of one performance (skeleton BYOL).

    Moliner et al. (CVPRW'22) multi-viewpoint sampling: the views of a
    performance recorded by several cameras are drawn with replacement
    (``num_views`` of them) and each goes through its own view pipeline
    (:class:`MultiView`, placed after this transform). This is the
    transform side only: the dataset must supply
    ``results['performance_views']``, the keypoint arrays of the *other*
    camera views of the same performance (the grouping of samples into
    performances is added to the datasets separately). Without it (or with
    an empty list) every view is the sample itself.

    Required keys: ``keypoint`` (M, T, V, C), ``performance_views``
    (optional list of (M, T_j, V, C) arrays).
    Added keys: ``view_keypoints`` (list of ``num_views`` arrays),
    ``view_indices`` (0 = the sample, j = ``performance_views[j - 1]``).
    Modified keys: ``keypoint`` = the first drawn view, ``total_frames``.

    Args:
        num_views (int): Views to draw (BYOL 2).
        include_self (bool): Whether the sample's own view is in the pool.
    """

    def __init__(self, num_views: int = 2, include_self: bool = True):
        if int(num_views) < 1:
            raise ValueError(f'num_views must be >= 1, got {num_views}')
        self.num_views = int(num_views)
        self.include_self = bool(include_self)

    def transform(self, results: dict) -> dict:
        others = list(results.get('performance_views') or [])
        pool = [results['keypoint']] + others
        ids = np.arange(len(pool))
        if not self.include_self and others:
            ids = ids[1:]
        pick = get_rng(results).choice(ids, size=self.num_views,
                                       replace=True)
        results['view_indices'] = pick
        results['view_keypoints'] = [pool[j] for j in pick]
        results['keypoint'] = pool[pick[0]]
        results['total_frames'] = pool[pick[0]].shape[1]
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(num_views={self.num_views}, '
                f'include_self={self.include_self})')


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
        self.transforms = [_build(t) for t in transforms]
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
        self.transforms = _build(transforms)
        self.prob = check_prob('prob', prob)

    def transform(self, results: dict) -> dict:
        if get_rng(results).random() < self.prob:
            return self.transforms(results)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(transforms={self.transforms}, '
                f'prob={self.prob})')
