"""Normalisation: centring and the MAMP, 2s-AGCN/ISC, BYOL presets."""
import numpy as np
import pytest

from skelbench.datasets.transforms import CenterSkeleton
from skelbench.registry import TRANSFORMS

from ._helpers import check_generic, make_results, nw_ucla_samples, \
    random_walk


@pytest.mark.parametrize('mode', ['first_frame', 'per_frame'])
def test_generic(mode, nw_ucla_root):
    check_generic(dict(type='CenterSkeleton', mode=mode),
                  nw_ucla_samples(nw_ucla_root))


def test_center_first_frame():
    kp = random_walk(zero_actor=True)
    res = CenterSkeleton()(make_results(kp))
    assert not res['keypoint'][0, 0, 1].any()  # origin joint (spine mid)
    np.testing.assert_allclose(res['keypoint'][0] - kp[0],
                               np.broadcast_to(-kp[0, 0, 1], kp[0].shape),
                               rtol=1e-5, atol=1e-5)
    assert not res['keypoint'][1].any()


def body(rng, t=6):
    """A person-like skeleton: hip 0 below spine 1, shoulders 4 / 8."""
    kp = rng.normal(0, 0.1, (t, 25, 3))
    kp[:, 0] = [0, 0, 0]
    kp[:, 1] = [0, 0.3, 0]
    kp[:, 20] = [0, 0.5, 0]
    kp[:, 4] = [-0.2, 0.5, 0]   # left shoulder (image left = -x)
    kp[:, 8] = [0.2, 0.5, 0]    # right shoulder
    return kp + np.array([1.0, 0.2, 3.0])


def rot_y(a):
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def test_mamp_translation_and_duplication():
    rng = np.random.default_rng(0)
    kp = np.zeros((2, 8, 25, 3), np.float32)
    kp[0, 2:] = body(rng)
    res = TRANSFORMS.build(dict(type='MAMPNormalize'))(
        dict(keypoint=kp.copy(), layout='nturgb+d'))
    out = res['keypoint']
    assert out.dtype == np.float32
    np.testing.assert_allclose(out[0, 2, 1], 0, atol=1e-6)
    np.testing.assert_allclose(out[0, 3:] - out[0, 2:3],
                               kp[0, 3:] - kp[0, 2:3], atol=1e-5)
    assert not out[0, :2].any() and not out[1].any()  # NTU60: zeros
    dup = TRANSFORMS.build(dict(type='MAMPNormalize',
                                duplicate_single_actor=True))(
        dict(keypoint=kp.copy(), layout='nturgb+d'))['keypoint']
    np.testing.assert_array_equal(dup[1], dup[0])  # NTU120 behaviour
    two = kp.copy()
    two[1, 2:] = body(rng)
    out = TRANSFORMS.build(dict(type='MAMPNormalize',
                                duplicate_single_actor=True))(
        dict(keypoint=two, layout='nturgb+d'))['keypoint']
    assert not np.allclose(out[1], out[0])


def test_agcn_pre_normalization():
    rng = np.random.default_rng(1)
    kp = np.zeros((2, 10, 25, 3), np.float32)
    seq = np.einsum('ij,tvj->tvi', rot_y(0.7), body(rng, 6))
    kp[0, 1:7] = seq  # empty first frame, empty tail
    kp[1, :4] = body(rng, 4)
    res = TRANSFORMS.build(dict(type='AGCNNormalize'))(
        dict(keypoint=kp, layout='nturgb+d'))
    out = res['keypoint'].astype(np.float64)
    # 1. shifted to the start and the tail filled by repetition
    assert np.all(np.abs(out[0]).sum(axis=(1, 2)) > 0)
    np.testing.assert_allclose(out[0, 6:], out[0, :4], atol=1e-5)
    np.testing.assert_allclose(out[1, 4:8], out[1, :4], atol=1e-5)
    # 2. per-frame centring on actor 1's spine-mid joint
    np.testing.assert_allclose(out[0, :, 1], 0, atol=1e-5)
    # 4. right -> left shoulder difference along +x
    sh = out[0, 0, 8] - out[0, 0, 4]
    assert sh[0] > 0 and np.allclose(sh[1:], 0, atol=1e-5)
    # 3. for this upright body hip -> spine stays along +z
    up = out[0, 0, 1] - out[0, 0, 0]
    assert up[2] > 0 and np.allclose(up[:2], 0, atol=1e-5)
    padded = TRANSFORMS.build(dict(type='AGCNNormalize', pad_to=16))(
        dict(keypoint=kp, layout='nturgb+d'))
    assert padded['keypoint'].shape[1] == padded['total_frames'] == 16


def test_byol_canonical_orientation():
    rng = np.random.default_rng(2)
    base = body(rng, 5)
    kp = np.zeros((2, 5, 25, 3), np.float32)
    kp[0] = base
    turned = kp.copy()
    turned[0] = np.einsum('ij,tvj->tvi', rot_y(1.1), base) + 0.5
    t = TRANSFORMS.build(dict(type='BYOLNormalize'))
    a = t(dict(keypoint=kp, layout='nturgb+d'))['keypoint']
    b = t(dict(keypoint=turned, layout='nturgb+d'))['keypoint']
    np.testing.assert_allclose(a, b, atol=1e-4)  # view invariant
    np.testing.assert_allclose(a[0, 0, 1], 0, atol=1e-6)
    up = a[0, 0, 1] - a[0, 0, 0]
    assert up[1] > 0 and np.allclose(up[[0, 2]], 0, atol=1e-5)
    across = a[0, 0, 4] - a[0, 0, 8]
    assert across[0] > 0 and abs(across[2]) < 1e-5
    assert not a[1].any()
    with pytest.raises(ValueError):
        TRANSFORMS.build(dict(type='BYOLNormalize', up=1, across=1))
