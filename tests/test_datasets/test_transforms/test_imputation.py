"""Filling joints the sensor lost (FillMissingJoints)."""
import numpy as np
import pytest

from skelbench.datasets.transforms import FillMissingJoints

from ._helpers import check_generic, make_results, nw_ucla_samples, \
    random_walk


def _fill_reference(kp):
    """Loop-by-loop reference of FillMissingJoints (independent code)."""
    out = kp.copy()
    M, T, V, _ = kp.shape
    for m in range(M):
        for v in range(V):
            good = [t for t in range(T) if np.any(kp[m, t, v] != 0)]
            for t in range(T):
                body = np.any(kp[m, t] != 0)
                if not body or t in good or not good:
                    continue
                before = [g for g in good if g < t]
                after = [g for g in good if g > t]
                if before and after:
                    a, b = before[-1], after[0]
                    w = (t - a) / (b - a)
                    out[m, t, v] = (1 - w) * kp[m, a, v] + w * kp[m, b, v]
                else:
                    nearest = before[-1] if before else after[0]
                    out[m, t, v] = kp[m, nearest, v]
    return out


def test_fill_missing_joints_matches_reference():
    kp = random_walk(M=2, T=30, V=25, seed=3)
    rng = np.random.default_rng(0)
    drop = rng.random(kp.shape[:3]) < 0.2
    kp[drop] = 0
    kp[0, 7] = 0            # a frame where the whole body is absent
    kp[1, :, 4] = 0         # a joint never tracked
    kp[0, :3, 5] = 0        # missing at the start: hold the first value
    kp[0, -2:, 6] = 0       # missing at the end: hold the last value
    res = FillMissingJoints()(make_results(kp))
    np.testing.assert_allclose(res['keypoint'], _fill_reference(kp),
                               rtol=1e-5, atol=1e-6)
    assert res['keypoint'].dtype == kp.dtype
    assert not res['keypoint'][0, 7].any()
    assert not res['keypoint'][1, :, 4].any()
    # linear in time between the tracked neighbours
    kp2 = random_walk(M=1, T=10, V=3, seed=1)
    kp2[0, 3:6, 2] = 0
    out = FillMissingJoints()(make_results(kp2, layout=None))['keypoint']
    np.testing.assert_allclose(out[0, 4, 2],
                               (kp2[0, 2, 2] + kp2[0, 6, 2]) / 2, rtol=1e-5)


def test_fill_missing_joints_untouched_and_errors(nw_ucla_root):
    kp = random_walk(zero_actor=True)
    res = FillMissingJoints()(make_results(kp))
    np.testing.assert_array_equal(res['keypoint'], kp)
    with pytest.raises(ValueError, match='keypoint'):
        FillMissingJoints()(dict(keypoint=kp[0]))
    check_generic(dict(type='FillMissingJoints'),
                  nw_ucla_samples(nw_ucla_root))
