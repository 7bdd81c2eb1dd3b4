"""Side drops, joint jitter and Gaussian noise."""
import numpy as np
import pytest

from skelbench.datasets.transforms import (GaussianNoise, RandomJointJitter,
                                           RandomSideDrop)
from skelbench.layouts import get_layout

from ._helpers import (check_generic, check_streams_differ, make_results,
                       nw_ucla_samples, random_walk)

CFGS = [
    dict(type='RandomSideDrop', p=1.0),
    dict(type='RandomJointJitter'),
    dict(type='GaussianNoise'),
]


@pytest.mark.parametrize('cfg', CFGS, ids=lambda c: c['type'])
def test_generic(cfg, nw_ucla_root):
    check_generic(cfg, nw_ucla_samples(nw_ucla_root))


@pytest.mark.parametrize('cfg', CFGS, ids=lambda c: c['type'])
def test_streams_differ(cfg):
    check_streams_differ(cfg)


@pytest.mark.parametrize('layout,V', [('nturgb+d', 25), ('nw-ucla', 20)])
def test_side_drop_zeroes_exactly_one_side(layout, V):
    lay = get_layout(layout)
    kp = random_walk(V=V)
    seen = set()
    for seed in range(20):
        res = RandomSideDrop(p=1.0)(make_results(kp, layout, seed=seed))
        side = res['dropped_side']
        seen.add(side)
        joints = lay.left_side if side == 'left' else lay.right_side
        zero = ~np.any(res['keypoint'] != 0, axis=(0, 1, 3))
        assert set(np.flatnonzero(zero)) == set(joints)
        keep = np.setdiff1d(np.arange(V), joints)
        np.testing.assert_array_equal(res['keypoint'][:, :, keep],
                                      kp[:, :, keep])
    assert seen == {'left', 'right'}
    res = RandomSideDrop(p=0.0)(make_results(kp, layout))
    np.testing.assert_array_equal(res['keypoint'], kp)


def test_joint_jitter():
    kp = random_walk()
    t = RandomJointJitter(num_joints=15, zero_prob=1.0)
    res = t(make_results(kp))
    idx = res['jitter_joints']
    assert len(idx) == 15 and not res['keypoint'][:, :, idx].any()
    rest = np.setdiff1d(np.arange(25), idx)
    np.testing.assert_array_equal(res['keypoint'][:, :, rest],
                                  kp[:, :, rest])
    res = RandomJointJitter(num_joints=15, zero_prob=0.0)(make_results(kp))
    idx = res['jitter_joints']
    # one 3x3 matrix for all frames: solve it from the data
    src = kp[:, :, idx].reshape(-1, 3)
    dst = res['keypoint'][:, :, idx].reshape(-1, 3)
    mat, *_ = np.linalg.lstsq(src, dst, rcond=None)
    np.testing.assert_allclose(src @ mat, dst, atol=1e-4)
    assert np.abs(mat).max() <= 1
    # more joints than the layout has: capped
    res = RandomJointJitter(num_joints=30)(make_results(random_walk(V=20),
                                                        'nw-ucla'))
    assert len(res['jitter_joints']) == 20


def test_gaussian_noise():
    kp = random_walk(zero_actor=True)
    res = GaussianNoise(std=0.1)(make_results(kp))
    assert 0.05 < (res['keypoint'][0] - kp[0]).std() < 0.15
    assert not res['keypoint'][1].any()  # the absent actor stays zero
    res = GaussianNoise(std=0.1, p=0.0)(make_results(kp))
    np.testing.assert_array_equal(res['keypoint'], kp)
