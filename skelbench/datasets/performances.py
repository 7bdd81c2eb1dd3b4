"""Performances: the samples that several cameras recorded at once.

NTU records each performance (``SsssPpppRrrrAaaa``) with cameras 1-3,
PKU-MMD phase I with views L/M/R, NW-UCLA with views 1-3; the converters
store the shared id as ``performance``. :class:`MultiViewpointDataset`
fills ``results['performance_views']`` (read by the
:class:`~skelbench.datasets.transforms.MultiViewpointSampling` transform)
with the keypoints of the other views of the sample's performance
present in the same dataset / split::

    dataset = dict(type='MultiViewpointDataset',
                   dataset=dict(type='SkeletonDataset', ann_file=...,
                                split='xview_train', pipeline=[
                                    dict(type='MultiViewpointSampling'),
                                    dict(type='MultiView', ...), ...]))
"""
from collections import OrderedDict
from typing import Dict, List, Optional, Sequence

from skelbench.registry import DATASETS
from .transforms.utils import get_rng


def group_by_performance(infos: Sequence[dict], key: str = 'performance'
                         ) -> Dict[str, List[int]]:
    """``{performance: [indices]}`` in index order; samples without
    ``key`` are left out."""
    groups: Dict[str, List[int]] = OrderedDict()
    for i, info in enumerate(infos):
        perf = info.get(key)
        if perf is not None:
            groups.setdefault(str(perf), []).append(i)
    return groups


class _InjectViews:
    """Pipeline wrapper: adds ``performance_views`` then runs the
    dataset's pipeline (picklable, for dataloader workers)."""

    def __init__(self, pipeline, dataset, others, max_views):
        self.pipeline, self.dataset = pipeline, dataset
        self.others, self.max_views = others, max_views

    def __call__(self, results: dict):
        others = self.others[int(results['sample_idx'])]
        if self.max_views is not None and len(others) > self.max_views:
            pick = get_rng(results).choice(len(others), self.max_views,
                                           replace=False)
            others = [others[j] for j in sorted(pick)]
        results['performance_views'] = [
            self.dataset.get_data_info(j)['keypoint'] for j in others]
        results['performance_view_ids'] = [
            self.dataset.get_data_info(j)['frame_dir'] for j in others]
        return self.pipeline(results)

    def __repr__(self) -> str:
        return f'InjectPerformanceViews({self.pipeline!r})'


@DATASETS.register_module()
class MultiViewpointDataset:
    """Adds the other camera views of each sample's performance.

    Every item is the wrapped dataset's item with
    ``results['performance_views']`` (list of ``(M, T_j, V, C)`` arrays)
    and ``results['performance_view_ids']`` set before its pipeline runs;
    only views inside the wrapped dataset (its split) are used. With
    ``max_views`` the views are drawn from the sample's generator
    (``results['rng']``), so the draw is reproducible like any
    augmentation.

    ``iterate`` chooses what an epoch runs over:

    * ``'sample'``: every camera view is an item (a performance counts
      once per camera);
    * ``'performance'`` (skeleton BYOL's multi-viewpoint sampling,
      Moliner et al. §3.4): item ``i`` is the ``i``-th performance
      ``s_i = {s_i1, ..., s_iC}``, so ``len()`` is the number of
      performances and each is seen once per epoch. The item is run
      from the performance's first sample with the other ``C - 1`` views
      in ``performance_views``; :class:`MultiViewpointSampling` then
      draws the two viewpoints from all ``C`` (with replacement, from the
      sample's seeded generator). Samples without ``key`` are
      performances of one view.

    Args:
        dataset (dict | Dataset): A dataset whose samples carry ``key``.
        key (str): Grouping field (``'performance'``).
        max_views (int, optional): At most this many other views.
        iterate (str): ``'sample'`` or ``'performance'``.
    """

    def __init__(self, dataset, key: str = 'performance',
                 max_views: Optional[int] = None, iterate: str = 'sample'):
        if iterate not in ('sample', 'performance'):
            raise ValueError("MultiViewpointDataset: iterate must be "
                             f"'sample' or 'performance', got {iterate!r}")
        self.iterate = iterate
        if isinstance(dataset, dict):
            dataset = DATASETS.build(dataset)
        if hasattr(dataset, 'full_init'):
            dataset.full_init()
        if hasattr(dataset, 'pool_index'):
            raise ValueError(
                f'MultiViewpointDataset: {type(dataset).__name__} reads other '
                'sequences in every epoch, so performances grouped once '
                'would pair unrelated sequences; wrap a fixed dataset')
        self.dataset = dataset
        self.key = key
        infos = [dataset.get_data_info(i) for i in range(len(dataset))]
        self.groups = group_by_performance(infos, key)
        others = [[] for _ in infos]
        for members in self.groups.values():
            for i in members:
                others[i] = [j for j in members if j != i]
        self.max_views = None if max_views is None else int(max_views)
        # one entry per performance: its sample indices (index order);
        # samples without ``key`` are performances of their own
        grouped = {i for members in self.groups.values() for i in members}
        performances = [members for members in self.groups.values()]
        performances += [[i] for i in range(len(infos)) if i not in grouped]
        self.performances = sorted(performances, key=lambda m: m[0])
        dataset.pipeline = _InjectViews(dataset.pipeline, dataset, others,
                                        self.max_views)

    @property
    def num_multi_view(self) -> int:
        """Number of samples with at least one other view."""
        return sum(len(g) for g in self.groups.values() if len(g) > 1)

    @property
    def num_performances(self) -> int:
        """Number of performances (including single-view ones)."""
        return len(self.performances)

    def __len__(self) -> int:
        if self.iterate == 'performance':
            return len(self.performances)
        return len(self.dataset)

    def __getitem__(self, idx: int):
        if self.iterate == 'performance':
            return self.dataset[self.performances[idx][0]]
        return self.dataset[idx]

    def __getattr__(self, name: str):
        if name == 'dataset':
            raise AttributeError(name)
        return getattr(self.dataset, name)

    @property
    def metainfo(self) -> dict:
        return self.dataset.metainfo

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(key={self.key!r}, '
                f'groups={len(self.groups)}, max_views={self.max_views}, '
                f'iterate={self.iterate!r}, '
                f'dataset={type(self.dataset).__name__})')
