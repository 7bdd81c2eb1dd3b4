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


def _perf_of(frame_dir):
    """``S001C002P003R001A001`` -> ``S001P003R001A001`` (camera removed)."""
    return frame_dir[:4] + frame_dir[8:]


def _performance_epochs(ann, epochs, **sampling):
    ds = SkeletonDataset(ann, pipeline=[
        dict(type='MultiViewpointSampling', num_views=2, **sampling)])
    mv = MultiViewpointDataset(ds, iterate='performance')
    for epoch in range(epochs):
        ds.set_epoch(epoch)
        yield mv, [mv[i] for i in range(len(mv))]


def test_an_epoch_iterates_the_performances(tmp_path):
    """Skeleton BYOL §3.4: one item per performance per epoch, both views
    drawn from the cameras of that performance."""
    ann = write_ann(tmp_path / 'a.pkl', num_classes=2, per_class=6)
    (mv, items), = _performance_epochs(ann, 1)
    assert len(mv.dataset) == 12 and len(mv) == mv.num_performances == 4
    perfs = [_perf_of(it['frame_dir']) for it in items]
    assert sorted(perfs) == sorted({_perf_of(mv.dataset.get_data_info(i)[
        'frame_dir']) for i in range(12)})
    for it, perf in zip(items, perfs):
        assert len(it['view_ids']) == 2
        assert {_perf_of(v) for v in it['view_ids']} == {perf}
        # the drawn keypoints are the named cameras' (offset 10 x camera)
        for kp, name in zip(it['view_keypoints'], it['view_ids']):
            assert round(float(kp.mean()) / 10) == int(name[5:8])
    assert repr(mv).endswith("iterate='performance', "
                             "dataset=SkeletonDataset)")


def test_viewpoints_are_drawn_with_replacement(tmp_path):
    """With replacement, two views of a 3-camera performance coincide with
    probability 1/3; every camera is drawn; without replacement they
    always differ."""
    ann = write_ann(tmp_path / 'a.pkl', num_classes=2, per_class=6)
    same, cams = [], set()
    for _, items in _performance_epochs(ann, 60):
        for it in items:
            a, b = it['view_ids']
            same.append(a == b)
            cams.update(int(v[5:8]) for v in it['view_ids'])
    frac = sum(same) / len(same)  # 240 pairs
    assert 0.22 < frac < 0.45, frac
    assert cams == {1, 2, 3}
    for _, items in _performance_epochs(ann, 5, replace=False):
        for it in items:
            a, b = it['view_ids']
            assert a != b


def test_performance_draws_are_seeded(tmp_path):
    ann = write_ann(tmp_path / 'a.pkl', num_classes=2, per_class=6)
    (_, a), = _performance_epochs(ann, 1)
    (_, b), = _performance_epochs(ann, 1)
    assert [x['view_ids'] for x in a] == [x['view_ids'] for x in b]


def test_samples_without_a_performance_are_their_own(tmp_path):
    import pickle
    ann = write_ann(tmp_path / 'a.pkl', num_classes=1, per_class=3)
    with open(ann, 'rb') as f:
        data = pickle.load(f)
    data['annotations'].append(dict(
        frame_dir='S001C001P009R001A001', label=0,
        keypoint=np.ones((2, 6, 25, 3), np.float32)))
    with open(ann, 'wb') as f:
        pickle.dump(data, f)
    ds = SkeletonDataset(ann, pipeline=[
        dict(type='MultiViewpointSampling', num_views=2)])
    mv = MultiViewpointDataset(ds, iterate='performance')
    assert len(mv) == 2 and mv.performances[-1] == [3]
    item = mv[1]
    assert list(item['view_indices']) == [0, 0]


def test_bad_iterate_is_refused(tmp_path):
    import pytest
    ann = write_ann(tmp_path / 'a.pkl', num_classes=1, per_class=3)
    with pytest.raises(ValueError, match='iterate'):
        MultiViewpointDataset(SkeletonDataset(ann, pipeline=[]),
                              iterate='camera')
