"""Temporal smoothing (Savitzky-Golay)."""
import numpy as np
import pytest

from skelbench.datasets.transforms import SavitzkyGolayFilter

from ._helpers import (check_generic, check_streams_differ, make_results,
                       nw_ucla_samples, random_walk)

CFGS = [dict(type='SavitzkyGolayFilter', p=1.0)]


@pytest.mark.parametrize('cfg', CFGS, ids=lambda c: c['type'])
def test_generic(cfg, nw_ucla_root):
    check_generic(cfg, nw_ucla_samples(nw_ucla_root))


@pytest.mark.parametrize('cfg', CFGS, ids=lambda c: c['type'])
def test_streams_differ(cfg):
    check_streams_differ(cfg)


def test_savgol_low_pass():
    rng = np.random.default_rng(0)
    t = np.linspace(0, 1, 64)
    smooth = np.sin(2 * np.pi * t)[None, :, None, None] * np.ones(
        (1, 1, 25, 3))
    noisy = (smooth + 0.1 * rng.normal(size=smooth.shape)).astype(np.float32)
    res = SavitzkyGolayFilter(p=1.0)(make_results(noisy))
    err_in = np.abs(noisy - smooth).mean()
    err_out = np.abs(res['keypoint'] - smooth).mean()
    assert err_out < 0.6 * err_in
    # short sequences: a smaller window; T = 1, 2: unchanged
    SavitzkyGolayFilter(p=1.0)(make_results(random_walk(T=5)))
    kp = random_walk(T=2)
    res = SavitzkyGolayFilter(p=1.0)(make_results(kp))
    np.testing.assert_array_equal(res['keypoint'], kp)
    with pytest.raises(ValueError, match='window_length'):
        SavitzkyGolayFilter(window_length=14)
