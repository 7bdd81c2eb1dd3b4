import numpy as np
import pytest

from skelbench.datasets.transforms import (GaussianNoise,
                                           RandomBodyAxisRotation,
                                           RandomEulerRotation, RandomFlip,
                                           RandomJointJitter,
                                           RandomOrthographicProjection,
                                           RandomScale, RandomShear,
                                           RandomSideDrop, RandomTranslation,
                                           SavitzkyGolayFilter,
                                           body_facing_angle,
                                           body_vertical_axis,
                                           rodrigues_matrix)
from skelbench.layouts import get_layout

from ._helpers import (bone_lengths, check_generic, check_streams_differ,
                       make_results, nw_ucla_samples, random_walk)

CFGS = [
    dict(type='RandomEulerRotation'),
    dict(type='RandomShear'),
    dict(type='RandomBodyAxisRotation'),
    dict(type='RandomFlip', p=1.0),
    dict(type='RandomTranslation', max_offset=0.5),
    dict(type='RandomScale'),
    dict(type='RandomSideDrop', p=1.0),
    dict(type='RandomJointJitter'),
    dict(type='GaussianNoise'),
    dict(type='SavitzkyGolayFilter', p=1.0),
    dict(type='RandomOrthographicProjection'),
]


@pytest.mark.parametrize('cfg', CFGS, ids=lambda c: c['type'])
def test_generic(cfg, nw_ucla_root):
    check_generic(cfg, nw_ucla_samples(nw_ucla_root))


@pytest.mark.parametrize('cfg', CFGS, ids=lambda c: c['type'])
def test_streams_differ(cfg):
    check_streams_differ(cfg)


@pytest.mark.parametrize('layout,V', [('nturgb+d', 25), ('nw-ucla', 20)])
@pytest.mark.parametrize('t', [RandomEulerRotation(),
                               RandomBodyAxisRotation(),
                               RandomFlip(p=1.0)], ids=repr)
def test_rigid_preserves_bone_lengths(t, layout, V):
    kp = random_walk(V=V, zero_actor=True)
    before = bone_lengths(kp, layout)
    res = t(make_results(kp, layout=layout))
    after = bone_lengths(res['keypoint'], layout)
    if isinstance(t, RandomFlip):
        before = before[:, :, get_layout(layout).flip_index]
    np.testing.assert_allclose(after, before, rtol=1e-4, atol=1e-5)


def test_rigid_on_nw_ucla(nw_ucla_root):
    for a in nw_ucla_samples(nw_ucla_root):
        kp = a['keypoint']
        for t in (RandomBodyAxisRotation(), RandomEulerRotation()):
            res = t(make_results(kp, layout='nw-ucla'))
            np.testing.assert_allclose(bone_lengths(res['keypoint'],
                                                    'nw-ucla'),
                                       bone_lengths(kp, 'nw-ucla'),
                                       rtol=1e-4, atol=1e-5)


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


def test_body_axis_rotation_keeps_axis():
    lay = get_layout('nturgb+d')
    kp = random_walk(M=1)
    axis, pivot = body_vertical_axis(kp, lay)
    np.testing.assert_allclose(rodrigues_matrix(axis, 0.7) @ axis, axis,
                               atol=1e-12)
    res = RandomBodyAxisRotation()(make_results(kp))
    axis2, pivot2 = body_vertical_axis(res['keypoint'], lay)
    np.testing.assert_allclose(axis2, axis, atol=1e-4)
    np.testing.assert_allclose(pivot2, pivot, atol=1e-4)
    R = rodrigues_matrix(np.array([0, 0, 1.]), np.pi / 2)
    np.testing.assert_allclose(R @ [1, 0, 0], [0, 1, 0], atol=1e-12)


def _facing_body(lay, V, azimuth):
    """One actor, 4 frames: pelvis at the origin, shoulders 0.2 up, right
    shoulder at +x / left at -x (facing the Kinect), then turned by
    ``azimuth`` about +y; the other joints on a circle (asymmetric)."""
    kp = np.zeros((1, 4, V, 3))
    ang = np.linspace(0, 2 * np.pi, V, endpoint=False)
    kp[0, :, :, 0] = 0.3 * np.cos(ang)
    kp[0, :, :, 1] = 0.1 + 0.05 * np.arange(V) / V
    kp[0, :, :, 2] = 0.2 * np.sin(2 * ang)
    bottom = lay.vertical_axis[0]
    right, left = lay.shoulder_line
    kp[0, :, bottom] = 0
    kp[0, :, right] = [0.15, 0.5, 0.]
    kp[0, :, left] = [-0.15, 0.5, 0.]
    return kp @ rodrigues_matrix(np.array([0., 1., 0.]), azimuth).T


@pytest.mark.parametrize('azimuth', [0., 0.4, -1.2, 2.5, np.pi])
def test_body_facing_angle_reference(azimuth):
    lay = get_layout('nw-ucla')
    kp = _facing_body(lay, 20, azimuth)
    axis, _ = body_vertical_axis(kp, lay)
    np.testing.assert_allclose(axis, [0, 1, 0], atol=1e-12)
    expect = np.angle(np.exp(-1j * azimuth))  # wrapped to (-pi, pi]
    got = body_facing_angle(kp, lay, axis)
    assert abs(np.angle(np.exp(1j * (got - expect)))) < 1e-9
    res = RandomBodyAxisRotation(max_angle=0., face_camera=True)(
        make_results(kp, layout='nw-ucla'))
    np.testing.assert_allclose(res['keypoint'],
                               _facing_body(lay, 20, 0.), atol=1e-6)
    assert abs(np.angle(np.exp(1j * (res['rotation_angle'] - expect)))) \
        < 1e-9


def test_body_axis_rotation_offset_is_a_fixed_turn():
    lay = get_layout('nw-ucla')
    kp = _facing_body(lay, 20, 0.)
    for seed in range(3):
        res = RandomBodyAxisRotation(max_angle=0., offset=0.6)(
            make_results(kp, layout='nw-ucla', seed=seed))
        np.testing.assert_allclose(res['keypoint'],
                                   _facing_body(lay, 20, 0.6), atol=1e-6)
        assert res['rotation_angle'] == 0.6
    with pytest.raises(ValueError, match='offset'):
        RandomBodyAxisRotation(offset=float('nan'))


def test_body_facing_angle_without_shoulders():
    lay = get_layout('nw-ucla')
    kp = _facing_body(lay, 20, 0.7)
    kp[0, :, list(lay.shoulder_line)] = 0
    assert body_facing_angle(kp, lay, np.array([0., 1., 0.])) == 0.


def test_face_camera_on_nw_ucla(nw_ucla_root):
    lay = get_layout('nw-ucla')
    t = RandomBodyAxisRotation(max_angle=0., face_camera=True)
    for a in nw_ucla_samples(nw_ucla_root):
        kp = a['keypoint']
        out = t(make_results(kp, layout='nw-ucla'))['keypoint']
        axis, _ = body_vertical_axis(out, lay)
        assert abs(body_facing_angle(out, lay, axis)) < 1e-5
        np.testing.assert_allclose(bone_lengths(out, 'nw-ucla'),
                                   bone_lengths(kp, 'nw-ucla'),
                                   rtol=1e-4, atol=1e-5)
        again = t(make_results(out, layout='nw-ucla'))['keypoint']
        np.testing.assert_allclose(again, out, atol=1e-5)
    # relative to the canonical orientation: |angle - facing| <= max_angle
    kp = nw_ucla_samples(nw_ucla_root)[0]['keypoint']
    face = body_facing_angle(kp, lay, body_vertical_axis(kp, lay)[0])
    for seed in range(5):
        res = RandomBodyAxisRotation(max_angle=0.5, face_camera=True)(
            make_results(kp, layout='nw-ucla', seed=seed))
        assert abs(res['rotation_angle'] - face) <= 0.5 + 1e-12


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


def test_translation_scale_noise():
    kp = random_walk(zero_actor=True)
    res = RandomTranslation(max_offset=(0.1, 0.2, 0.0))(make_results(kp))
    d = res['keypoint'][0] - kp[0]
    assert np.allclose(d, d[0, 0]) and abs(d[0, 0, 2]) == 0
    res = RandomScale(scale_range=(2, 2))(make_results(kp))
    np.testing.assert_allclose(res['keypoint'], 2 * kp)
    res = GaussianNoise(std=0.1)(make_results(kp))
    assert 0.05 < (res['keypoint'][0] - kp[0]).std() < 0.15
    with pytest.raises(ValueError, match='scale_range'):
        RandomScale(scale_range=(1.2, 1.0))


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


def test_orthographic_projection():
    kp = random_walk()
    res = RandomOrthographicProjection(theta=0.0, axes=(2, ))(
        make_results(kp))
    assert not res['keypoint'][..., 2].any()
    np.testing.assert_allclose(res['keypoint'][..., :2], kp[..., :2],
                               atol=1e-6)
    with pytest.raises(ValueError, match='axes'):
        RandomOrthographicProjection(axes=(3, ))
