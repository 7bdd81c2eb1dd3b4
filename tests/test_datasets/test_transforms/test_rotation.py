"""Random rotations and the orthographic projection view."""
import numpy as np
import pytest

from skelbench.datasets.transforms import (RandomBodyAxisRotation,
                                           RandomEulerRotation,
                                           RandomOrthographicProjection,
                                           body_facing_angle,
                                           body_vertical_axis)
from skelbench.layouts import get_layout

from ._helpers import (bone_lengths, check_generic, check_streams_differ,
                       facing_body, make_results, nw_ucla_samples,
                       random_walk)

CFGS = [
    dict(type='RandomEulerRotation'),
    dict(type='RandomBodyAxisRotation'),
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
                               RandomBodyAxisRotation()], ids=repr)
def test_rotations_preserve_bone_lengths(t, layout, V):
    kp = random_walk(V=V, zero_actor=True)
    res = t(make_results(kp, layout=layout))
    np.testing.assert_allclose(bone_lengths(res['keypoint'], layout),
                               bone_lengths(kp, layout), rtol=1e-4,
                               atol=1e-5)


def test_rigid_on_nw_ucla(nw_ucla_root):
    for a in nw_ucla_samples(nw_ucla_root):
        kp = a['keypoint']
        for t in (RandomBodyAxisRotation(), RandomEulerRotation()):
            res = t(make_results(kp, layout='nw-ucla'))
            np.testing.assert_allclose(bone_lengths(res['keypoint'],
                                                    'nw-ucla'),
                                       bone_lengths(kp, 'nw-ucla'),
                                       rtol=1e-4, atol=1e-5)


def test_body_axis_rotation_keeps_axis():
    lay = get_layout('nturgb+d')
    kp = random_walk(M=1)
    axis, pivot = body_vertical_axis(kp, lay)
    res = RandomBodyAxisRotation()(make_results(kp))
    axis2, pivot2 = body_vertical_axis(res['keypoint'], lay)
    np.testing.assert_allclose(axis2, axis, atol=1e-4)
    np.testing.assert_allclose(pivot2, pivot, atol=1e-4)


@pytest.mark.parametrize('azimuth', [0., 0.4, -1.2, 2.5, np.pi])
def test_face_camera_turns_to_the_reference(azimuth):
    lay = get_layout('nw-ucla')
    kp = facing_body(lay, 20, azimuth)
    expect = np.angle(np.exp(-1j * azimuth))  # wrapped to (-pi, pi]
    res = RandomBodyAxisRotation(max_angle=0., face_camera=True)(
        make_results(kp, layout='nw-ucla'))
    np.testing.assert_allclose(res['keypoint'],
                               facing_body(lay, 20, 0.), atol=1e-6)
    assert abs(np.angle(np.exp(1j * (res['rotation_angle'] - expect)))) \
        < 1e-9


def test_body_axis_rotation_offset_is_a_fixed_turn():
    lay = get_layout('nw-ucla')
    kp = facing_body(lay, 20, 0.)
    for seed in range(3):
        res = RandomBodyAxisRotation(max_angle=0., offset=0.6)(
            make_results(kp, layout='nw-ucla', seed=seed))
        np.testing.assert_allclose(res['keypoint'],
                                   facing_body(lay, 20, 0.6), atol=1e-6)
        assert res['rotation_angle'] == 0.6
    with pytest.raises(ValueError, match='offset'):
        RandomBodyAxisRotation(offset=float('nan'))


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


def test_orthographic_projection():
    kp = random_walk()
    res = RandomOrthographicProjection(theta=0.0, axes=(2, ))(
        make_results(kp))
    assert not res['keypoint'][..., 2].any()
    np.testing.assert_allclose(res['keypoint'][..., :2], kp[..., :2],
                               atol=1e-6)
    with pytest.raises(ValueError, match='axes'):
        RandomOrthographicProjection(axes=(3, ))
