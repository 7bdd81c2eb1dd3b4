import numpy as np
import pytest

from skelbench.datasets.transforms import (PadTo, RandomResample,
                                           RandomTemporalShift,
                                           TemporalCropResize,
                                           UniformSampleFrames)

from ._helpers import (check_generic, check_streams_differ, make_results,
                       nw_ucla_samples, random_walk)

CFGS = [
    dict(type='TemporalCropResize', clip_len=16, min_len=4),
    dict(type='TemporalCropResize', clip_len=16, test_mode=True),
    dict(type='RandomResample'),
    dict(type='RandomTemporalShift', max_shift=150),
    dict(type='PadTo', length=30),
    dict(type='PadTo', length=50, mode='zero'),
    dict(type='UniformSampleFrames', clip_len=16),
    dict(type='UniformSampleFrames', clip_len=16, test_mode=True),
]


@pytest.mark.parametrize('cfg', CFGS, ids=lambda c: c['type'])
def test_generic(cfg, nw_ucla_root):
    check_generic(cfg, nw_ucla_samples(nw_ucla_root))


@pytest.mark.parametrize('cfg', [c for c in CFGS if 'test_mode' not in c
                                 and c.get('mode') != 'zero'],
                         ids=lambda c: c['type'])
def test_streams_differ(cfg):
    check_streams_differ(cfg)


def test_resample_length():
    kp = random_walk(T=100)
    res = RandomResample(rate_range=(0.5, 0.5))(make_results(kp))
    assert res['keypoint'].shape[1] == 200
    assert res['total_frames'] == 200
    # a rate of 1 is the identity
    res = RandomResample(rate_range=(1, 1))(make_results(kp))
    np.testing.assert_allclose(res['keypoint'], kp)
    with pytest.raises(ValueError, match='rate_range'):
        RandomResample(rate_range=(0, 1))


def test_resample_ignores_padding():
    kp = np.zeros((1, 60, 25, 3), np.float32)
    kp[:, :30] = random_walk(M=1, T=30)
    res = RandomResample(rate_range=(1, 1))(make_results(kp))
    assert res['keypoint'].shape[1] == 30


def test_temporal_shift_is_cyclic():
    kp = random_walk(T=30)
    kp_pad = np.concatenate([kp, np.zeros_like(kp[:, :10])], axis=1)
    res = RandomTemporalShift(max_shift=150)(make_results(kp_pad))
    s = res['temporal_shift']
    np.testing.assert_array_equal(res['keypoint'][:, :30],
                                  np.roll(kp, s, axis=1))
    assert not res['keypoint'][:, 30:].any()
    with pytest.raises(ValueError, match='max_shift'):
        RandomTemporalShift(max_shift=-1)


def test_pad_to():
    kp = random_walk(T=7)
    res = PadTo(length=20)(make_results(kp))
    assert res['keypoint'].shape[1] == 20
    np.testing.assert_array_equal(res['keypoint'][:, 7:14], kp)
    res = PadTo(length=20, mode='zero')(make_results(kp))
    assert not res['keypoint'][:, 7:].any() and res['total_frames'] == 7
    long = random_walk(T=200)
    res = PadTo(length=150, crop='start')(make_results(long))
    np.testing.assert_array_equal(res['keypoint'], long[:, :150])
    res = PadTo(length=150)(make_results(long))
    assert res['keypoint'].shape[1] == 150
    with pytest.raises(ValueError, match='mode'):
        PadTo(mode='edge')


def test_uniform_sample_frames():
    kp = random_walk(T=100)
    res = UniformSampleFrames(clip_len=10)(make_results(kp))
    inds = res['frame_inds']
    assert len(inds) == 10 and (np.diff(inds) > 0).all()
    assert ((inds // 10) == np.arange(10)).all()  # one per segment
    res = UniformSampleFrames(clip_len=10, test_mode=True)(make_results(kp))
    np.testing.assert_array_equal(res['frame_inds'], np.arange(10) * 10 + 4)
    res = UniformSampleFrames(clip_len=8)(make_results(random_walk(T=3)))
    assert res['keypoint'].shape[1] == 8 and res['frame_inds'].max() <= 2


def test_crop_resize_unchanged():
    # the existing transform keeps its behaviour (MAMP valid_crop_resize)
    kp = random_walk(T=100)
    res = TemporalCropResize(clip_len=120, test_mode=True,
                             test_ratio=0.95)(make_results(kp))
    assert res['crop_bounds'] == (2, 98)
    assert res['keypoint'].shape == (2, 120, 25, 3)
