"""Rotation matrices and body frames (skelbench.datasets.geometry)."""
import numpy as np
import pytest

from skelbench.datasets import transforms
from skelbench.datasets.geometry import (agcn_rotation_matrix,
                                         align_rotation,
                                         axis_rotation_matrix,
                                         basis_rotation, body_facing_angle,
                                         body_vertical_axis,
                                         euler_rotation_matrix,
                                         look_at_rotation, rodrigues_matrix,
                                         rotate_points)
from skelbench.layouts import get_layout

from .test_transforms._helpers import facing_body, random_walk

UNIT = dict(x=[1., 0., 0.], y=[0., 1., 0.], z=[0., 0., 1.])


def assert_rotation(R):
    np.testing.assert_allclose(R @ R.T, np.eye(3), atol=1e-12)
    assert np.isclose(np.linalg.det(R), 1.)


@pytest.mark.parametrize('axis', 'xyz')
def test_axis_rotation_is_rodrigues_about_the_axis(axis):
    deg = np.array([-130., 0., 25., 90.])
    R = axis_rotation_matrix(axis, deg)
    assert R.shape == (4, 3, 3)
    for r, d in zip(R, deg):
        assert_rotation(r)
        np.testing.assert_allclose(
            r, rodrigues_matrix(UNIT[axis], np.deg2rad(d)), atol=1e-12)
    # right-handed: x -> y about z, y -> z about x, z -> x about y
    nxt = dict(x='y', y='z', z='x')
    after = dict(z='x', x='y', y='z')[axis]
    np.testing.assert_allclose(
        axis_rotation_matrix(axis, np.array(90.)) @ UNIT[after],
        UNIT[nxt[after]], atol=1e-12)


def test_euler_is_mamp_convention():
    """R = Rz Ry Rx of the negated angles (MAMP's ``random_rot``)."""
    angles = np.array([0.1, -0.25, 0.3])
    R = euler_rotation_matrix(angles)
    assert_rotation(R)
    ref = (axis_rotation_matrix('z', np.rad2deg(-angles[2]))
           @ axis_rotation_matrix('y', np.rad2deg(-angles[1]))
           @ axis_rotation_matrix('x', np.rad2deg(-angles[0])))
    np.testing.assert_allclose(R, ref, atol=1e-12)


def test_rodrigues_and_agcn_agree():
    axis = np.array([0.3, -0.5, 0.8])
    R = rodrigues_matrix(axis, 0.7)
    assert_rotation(R)
    np.testing.assert_allclose(R @ axis, axis, atol=1e-12)
    np.testing.assert_allclose(
        agcn_rotation_matrix(axis / np.linalg.norm(axis), 0.7), R,
        atol=1e-12)
    R = rodrigues_matrix(np.array([0, 0, 1.]), np.pi / 2)
    np.testing.assert_allclose(R @ [1, 0, 0], [0, 1, 0], atol=1e-12)
    np.testing.assert_array_equal(agcn_rotation_matrix([0, 0, 0], 1.),
                                  np.eye(3))
    np.testing.assert_array_equal(agcn_rotation_matrix([0, 1, 0], 0.),
                                  np.eye(3))


def test_align_rotation():
    vec = np.array([0.2, 1.0, -0.4])
    for target in ([0, 0, 1], [1, 0, 0], [0.3, -0.2, 0.5]):
        R = align_rotation(vec, target)
        assert_rotation(R)
        out = R @ vec
        t = np.asarray(target, float)
        np.testing.assert_allclose(out / np.linalg.norm(out),
                                   t / np.linalg.norm(t), atol=1e-9)
    np.testing.assert_array_equal(align_rotation(np.zeros(3), [0, 0, 1]),
                                  np.eye(3))


@pytest.mark.parametrize('up,across', [(1, 0), (2, 1), (0, 2)])
def test_basis_rotation(up, across):
    u = np.array([0.1, 0.9, 0.2])
    a = np.array([0.8, 0.3, -0.1])
    R = basis_rotation(u, a, up, across)
    assert_rotation(R)
    out_u, out_a = R @ u, R @ a
    expect = np.zeros(3)
    expect[up] = np.linalg.norm(u)
    np.testing.assert_allclose(out_u, expect, atol=1e-12)
    third = 3 - up - across
    assert abs(out_a[third]) < 1e-12 and out_a[across] > 0
    np.testing.assert_array_equal(basis_rotation(u, 2 * u, up, across),
                                  np.eye(3))


def test_look_at_rotation():
    pos = np.array([1.0, 1.5, -3.0])
    target = np.array([0.1, 0.9, 0.2])
    R = look_at_rotation(pos, target.copy())
    assert_rotation(R)
    cam = (target - pos) @ R.T  # the target lies on the camera's +z axis
    np.testing.assert_allclose(cam[:2], 0, atol=1e-12)
    assert cam[2] > 0
    assert (R @ [0., 1., 0.])[1] > 0  # the world's up is the image's up


def test_rotate_points_with_pivot():
    kp = random_walk(M=2, T=5)
    R = rodrigues_matrix(np.array([0., 1., 0.]), 0.4)
    pivot = np.array([0.5, -0.2, 1.0])
    out = rotate_points(kp, R, pivot)
    assert out.shape == kp.shape
    np.testing.assert_allclose(out, np.einsum('ij,mtvj->mtvi', R,
                                              kp - pivot) + pivot,
                               atol=1e-9)
    np.testing.assert_allclose(rotate_points(pivot, R, pivot), pivot)
    np.testing.assert_array_equal(rotate_points(kp, np.eye(3)), kp)


def test_body_vertical_axis():
    lay = get_layout('nturgb+d')
    kp = random_walk(M=1)
    axis, pivot = body_vertical_axis(kp, lay)
    assert np.isclose(np.linalg.norm(axis), 1.)
    np.testing.assert_allclose(pivot, kp[0, :, lay.vertical_axis[0]].mean(0),
                               atol=1e-6)
    np.testing.assert_allclose(rodrigues_matrix(axis, 0.7) @ axis, axis,
                               atol=1e-12)
    # no joints: +y about the origin
    axis, pivot = body_vertical_axis(np.zeros((1, 3, 25, 3)), lay)
    np.testing.assert_array_equal(axis, [0., 1., 0.])
    np.testing.assert_array_equal(pivot, np.zeros(3))


@pytest.mark.parametrize('azimuth', [0., 0.4, -1.2, 2.5, np.pi])
def test_body_facing_angle_reference(azimuth):
    lay = get_layout('nw-ucla')
    kp = facing_body(lay, 20, azimuth)
    axis, _ = body_vertical_axis(kp, lay)
    np.testing.assert_allclose(axis, [0, 1, 0], atol=1e-12)
    expect = np.angle(np.exp(-1j * azimuth))  # wrapped to (-pi, pi]
    got = body_facing_angle(kp, lay, axis)
    assert abs(np.angle(np.exp(1j * (got - expect)))) < 1e-9


def test_body_facing_angle_without_shoulders():
    lay = get_layout('nw-ucla')
    kp = facing_body(lay, 20, 0.7)
    kp[0, :, list(lay.shoulder_line)] = 0
    assert body_facing_angle(kp, lay, np.array([0., 1., 0.])) == 0.


def test_reexported_from_transforms():
    for name in ('euler_rotation_matrix', 'rodrigues_matrix',
                 'body_vertical_axis', 'body_facing_angle'):
        assert getattr(transforms, name) is globals()[name]
