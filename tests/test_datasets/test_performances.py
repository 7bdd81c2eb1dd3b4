"""Performances: grouping the camera views of one performance."""
import numpy as np

from skelbench.datasets import (MultiViewpointDataset, SkeletonDataset,
                                group_by_performance)

from .test_subsets import write_ann


def test_multiview_grouping(tmp_path):
    ann = write_ann(tmp_path / 'a.pkl', num_classes=2, per_class=6)
    ds = SkeletonDataset(ann, pipeline=[
        dict(type='MultiViewpointSampling', num_views=2)])
    groups = group_by_performance(
        [ds.get_data_info(i) for i in range(len(ds))])
    assert len(groups) == 4 and all(len(g) == 3 for g in groups.values())
    mv = MultiViewpointDataset(ds)
    assert mv.num_multi_view == 12
    out = mv[0]
    assert len(out['performance_views']) == 2
    assert sorted(round(float(k.mean()) / 10)
                  for k in out['performance_views']) == [2, 3]
    cams = sorted(int(i[5:8]) for i in out['performance_view_ids'])
    assert cams == [2, 3]
    assert len(out['view_keypoints']) == 2
    # deterministic for a seed / epoch, from the sample's rng
    again = MultiViewpointDataset(SkeletonDataset(ann, pipeline=[
        dict(type='MultiViewpointSampling', num_views=2)]), max_views=1)
    a, b = again[4], again[4]
    assert a['performance_view_ids'] == b['performance_view_ids']
    assert len(a['performance_view_ids']) == 1
    assert np.array_equal(a['view_indices'], b['view_indices'])
