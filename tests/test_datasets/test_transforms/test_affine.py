"""Shear, flip, translation and scale."""
import numpy as np
import pytest

from skelbench.datasets.transforms import (RandomFlip, RandomScale,
                                           RandomShear, RandomTranslation)
from skelbench.layouts import get_layout

from ._helpers import (bone_lengths, check_generic, check_streams_differ,
                       make_results, nw_ucla_samples, random_walk)

CFGS = [
    dict(type='RandomShear'),
    dict(type='RandomFlip', p=1.0),
    dict(type='RandomTranslation', max_offset=0.5),
    dict(type='RandomScale'),
]


@pytest.mark.parametrize('cfg', CFGS, ids=lambda c: c['type'])
def test_generic(cfg, nw_ucla_root):
    check_generic(cfg, nw_ucla_samples(nw_ucla_root))


@pytest.mark.parametrize('cfg', CFGS, ids=lambda c: c['type'])
def test_streams_differ(cfg):
    check_streams_differ(cfg)


@pytest.mark.parametrize('layout,V', [('nturgb+d', 25), ('nw-ucla', 20)])
def test_flip_preserves_bone_lengths(layout, V):
    kp = random_walk(V=V, zero_actor=True)
    before = bone_lengths(kp, layout)[:, :, get_layout(layout).flip_index]
    res = RandomFlip(p=1.0)(make_results(kp, layout=layout))
    np.testing.assert_allclose(bone_lengths(res['keypoint'], layout),
                               before, rtol=1e-4, atol=1e-5)


def test_flip_swaps_sides_and_mirrors():
    kp = random_walk(M=1)
    res = RandomFlip(p=1.0)(make_results(kp))
    lay = get_layout('nturgb+d')
    a, b = lay.left_right_pairs[0]
    np.testing.assert_allclose(res['keypoint'][..., b, 0], -kp[..., a, 0])
    np.testing.assert_allclose(res['keypoint'][..., b, 1:], kp[..., a, 1:])
    res = RandomFlip(p=0.0)(make_results(kp))
    assert not res['flipped']
    with pytest.raises(ValueError, match='p must be'):
        RandomFlip(p=2)


def test_flip_without_swap_is_a_pure_reflection():
    """swap_joints=False: x -> -x, every joint keeps its index."""
    kp = random_walk(M=2)
    res = RandomFlip(p=1.0, swap_joints=False)(make_results(kp))
    assert res['flipped']
    np.testing.assert_allclose(res['keypoint'][..., 0], -kp[..., 0])
    np.testing.assert_array_equal(res['keypoint'][..., 1:], kp[..., 1:])
    # the input array is not modified in place
    assert not np.shares_memory(res['keypoint'], kp)
    # a mask that hides joint v hides the same body joint in the view:
    # the swapped flip puts v's mirror at its partner's index instead
    lay = get_layout('nturgb+d')
    a, b = lay.left_right_pairs[0]
    swapped = RandomFlip(p=1.0)(make_results(kp))['keypoint']
    np.testing.assert_allclose(swapped[..., b, 0], res['keypoint'][..., a, 0])
    with pytest.raises(TypeError, match='swap_joints'):
        RandomFlip(swap_joints='no')


def test_shear_zero_is_identity():
    kp = random_walk()
    res = RandomShear(shear=0.0)(make_results(kp))
    np.testing.assert_array_equal(res['keypoint'], kp)
    with pytest.raises(ValueError, match='shear'):
        RandomShear(shear=-1)


def test_translation_and_scale():
    kp = random_walk(zero_actor=True)
    res = RandomTranslation(max_offset=(0.1, 0.2, 0.0))(make_results(kp))
    d = res['keypoint'][0] - kp[0]
    assert np.allclose(d, d[0, 0]) and abs(d[0, 0, 2]) == 0
    assert not res['keypoint'][1].any()  # the absent actor stays zero
    res = RandomScale(scale_range=(2, 2))(make_results(kp))
    np.testing.assert_allclose(res['keypoint'], 2 * kp)
    with pytest.raises(ValueError, match='scale_range'):
        RandomScale(scale_range=(1.2, 1.0))
