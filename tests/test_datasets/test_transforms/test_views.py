import numpy as np
import pytest

from skelbench.datasets.transforms import (MultiView, MultiViewpointSampling,
                                           RandomApply, RandomChoice)
from skelbench.registry import TRANSFORMS

from ._helpers import (check_generic, check_streams_differ, make_results,
                       nw_ucla_samples, random_walk)

AGGRESSIVE = [dict(type='RandomResample'), dict(type='PadTo', length=50),
              dict(type='SavitzkyGolayFilter', p=0.5),
              dict(type='RandomShear'),
              dict(type='RandomTemporalShift', max_shift=150),
              dict(type='RandomSideDrop', p=0.5)]
CONSERVATIVE = [dict(type='RandomResample'), dict(type='PadTo', length=50)]
BYOL = dict(type='MultiView', pipelines=[AGGRESSIVE, CONSERVATIVE])
ISC = dict(type='MultiView', num_views=2, pipelines=[
    dict(type='TemporalCropResize', clip_len=16, ratio_range=(0.1, 1),
         min_len=4),
    dict(type='RandomChoice', transforms=[
        dict(type='RandomShear'), dict(type='RandomJointJitter')])])
CFGS = [BYOL, ISC,
        dict(type='RandomApply', transforms=[dict(type='RandomShear')]),
        dict(type='RandomChoice', transforms=[[dict(type='RandomShear')],
                                              dict(type='RandomFlip')])]


@pytest.mark.parametrize('cfg', CFGS, ids=str)
def test_generic(cfg, nw_ucla_root):
    check_generic(cfg, nw_ucla_samples(nw_ucla_root))


@pytest.mark.parametrize('cfg', CFGS, ids=str)
def test_streams_differ(cfg):
    check_streams_differ(cfg)


def test_byol_views():
    t = TRANSFORMS.build(BYOL)
    res = t(make_results(random_walk(T=60)))
    views = res['keypoint']
    assert isinstance(views, list) and len(views) == 2
    assert all(v.shape == (2, 50, 25, 3) for v in views)
    assert not np.allclose(views[0], views[1])
    assert 'MultiView' in repr(t)


def test_multi_view_collect_keys():
    t = MultiView(pipelines=[dict(type='RandomTokenMasking')], num_views=3,
                  collect_keys=('keypoint', 'mask'))
    res = t(make_results(random_walk(T=8)))
    assert len(res['keypoint']) == 3 and len(res['mask']) == 3
    assert not all((m == res['mask'][0]).all() for m in res['mask'][1:])
    with pytest.raises(ValueError, match='pipelines'):
        MultiView(pipelines=[])
    with pytest.raises(ValueError, match='num_views'):
        MultiView(pipelines=[[], [], []], num_views=2)


def test_multi_viewpoint_sampling(nw_ucla_root):
    cams = nw_ucla_samples(nw_ucla_root, 3)  # the three views of a01_s01
    assert len({a['performance'] for a in cams}) == 1
    kps = [a['keypoint'] for a in cams]
    seen = set()
    for seed in range(30):
        res = make_results(kps[0], 'nw-ucla', seed=seed,
                           performance_views=kps[1:])
        res = MultiViewpointSampling(num_views=2)(res)
        ids = res['view_indices']
        seen.update(ids.tolist())
        for j, kp in zip(ids, res['view_keypoints']):
            np.testing.assert_array_equal(kp, kps[j])
        res = MultiView(pipelines=[dict(type='TemporalCropResize',
                                        clip_len=16, min_len=4)],
                        num_views=2)(res)
        assert [v.shape for v in res['keypoint']] == [(1, 16, 20, 3)] * 2
        assert 'view_keypoints' not in res
    assert seen == {0, 1, 2}
    # no other views: the sample itself
    res = MultiViewpointSampling()(make_results(kps[0], 'nw-ucla'))
    assert all(np.array_equal(v, kps[0]) for v in res['view_keypoints'])


def test_random_choice_apply():
    kp = random_walk()
    t = RandomChoice(transforms=[dict(type='RandomScale',
                                      scale_range=(2, 2)),
                                 dict(type='RandomScale',
                                      scale_range=(3, 3))], prob=[0, 1])
    np.testing.assert_allclose(t(make_results(kp))['keypoint'], 3 * kp)
    t = RandomApply(transforms=dict(type='RandomScale', scale_range=(2, 2)),
                    prob=0.0)
    np.testing.assert_array_equal(t(make_results(kp))['keypoint'], kp)
    with pytest.raises(ValueError, match='prob'):
        RandomChoice(transforms=[dict(type='RandomShear')], prob=[0.5])
