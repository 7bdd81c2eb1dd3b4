"""Augmented views: several augmentations of one sample.

Contrastive and self-distillation methods see each sample through several
randomly augmented *views* (:class:`MultiView`). The views share the
sample's generator (``results['rng']``), drawn from in order, so a
sample's views are reproducible for a seed. Camera viewpoints of a
performance are a different thing: see :mod:`.viewpoints`.
"""
import copy
from typing import List, Optional, Sequence

import numpy as np
from mmcv.transforms import BaseTransform, Compose

from skelbench.layouts import SkeletonLayout
from skelbench.registry import TRANSFORMS

from .composition import build_pipeline


def _copy_results(results: dict) -> dict:
    out = {}
    for k, v in results.items():
        if k in ('view_keypoints', 'performance_views'):
            continue
        if k == 'rng':
            out[k] = v  # shared: the views draw from one stream
        elif isinstance(v, SkeletonLayout):
            out[k] = v  # read-only, shared by the views
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
    :class:`~.viewpoints.MultiViewpointSampling`), view ``i`` starts from
    its ``i``-th camera view instead of ``keypoint``.

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
        self.pipelines: List[Compose] = [build_pipeline(p) for p in pipelines]
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
