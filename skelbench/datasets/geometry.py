"""Rotation maths of skeleton data: rotation matrices and body frames.

Everything that builds or applies a 3-D rotation on the data side lives
here: the random rotations and the normalisations of
:mod:`skelbench.datasets.transforms` and the body model and cameras of the
synthetic generator (:mod:`skelbench.datasets.synthetic`). The module is
plain NumPy and imports nothing from skelbench, so both can import it
without an import cycle; it sits in ``datasets/`` because the data side is
its only user (the models never rotate skeletons).

Conventions: a rotation matrix ``R`` is ``(3, 3)`` (or ``(..., 3, 3)``
for a batch) and acts on column vectors, ``x' = R x``; on an array of
points ``(..., 3)`` (e.g. keypoints ``(M, T, V, 3)``) this is
``x @ R.T`` (:func:`rotate_points`). Body-frame helpers take a skeleton
layout (:class:`~skelbench.layouts.SkeletonLayout`: ``vertical_axis``,
``shoulder_line``) and look at the first actor ``kp[0]``.
"""
from typing import Optional, Tuple

import numpy as np

__all__ = [
    'axis_rotation_matrix', 'euler_rotation_matrix', 'rodrigues_matrix',
    'agcn_rotation_matrix', 'align_rotation', 'basis_rotation',
    'look_at_rotation', 'rotate_points', 'body_vertical_axis',
    'body_facing_angle'
]


# ---------------------------------------------------------------------------
# Rotation matrices
# ---------------------------------------------------------------------------
def axis_rotation_matrix(axis: str, degrees: np.ndarray) -> np.ndarray:
    """Right-handed rotations about a coordinate axis, batched.

    ``R_x(a) = [[1, 0, 0], [0, c, -s], [0, s, c]]``,
    ``R_y(a) = [[c, 0, s], [0, 1, 0], [-s, 0, c]]``,
    ``R_z(a) = [[c, -s, 0], [s, c, 0], [0, 0, 1]]`` with ``c = cos a``,
    ``s = sin a``.

    Args:
        axis (str): ``'x'``, ``'y'`` or ``'z'``.
        degrees (np.ndarray): Angles of any shape ``S``, in degrees.

    Returns:
        np.ndarray: ``S + (3, 3)`` rotation matrices.
    """
    a = np.deg2rad(degrees)
    c, s = np.cos(a), np.sin(a)
    o, i = np.zeros_like(a), np.ones_like(a)
    rows = {'x': ((i, o, o), (o, c, -s), (o, s, c)),
            'y': ((c, o, s), (o, i, o), (-s, o, c)),
            'z': ((c, -s, o), (s, c, o), (o, o, i))}[axis]
    return np.stack([np.stack(r, axis=-1) for r in rows], axis=-2)


def euler_rotation_matrix(angles: np.ndarray) -> np.ndarray:
    """MAMP's ``R = Rz @ Ry @ Rx`` for angles ``(ax, ay, az)`` in radians.

    As in MAMP's ``random_rot`` the factors are
    ``Rx = [[1, 0, 0], [0, c, s], [0, -s, c]]`` (and likewise ``Ry``,
    ``Rz``), i.e. :func:`axis_rotation_matrix` of the negated angles.

    Returns:
        np.ndarray: ``(3, 3)`` float64.
    """
    ax, ay, az = angles
    cx, sx, cy, sy, cz, sz = (np.cos(ax), np.sin(ax), np.cos(ay),
                              np.sin(ay), np.cos(az), np.sin(az))
    rx = np.array([[1, 0, 0], [0, cx, sx], [0, -sx, cx]])
    ry = np.array([[cy, 0, -sy], [0, 1, 0], [sy, 0, cy]])
    rz = np.array([[cz, sz, 0], [-sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx


def rodrigues_matrix(axis: np.ndarray, angle: float) -> np.ndarray:
    """Rotation by ``angle`` (radians) about ``axis`` (Rodrigues).

    ``R = I + sin(a) K + (1 - cos(a)) K^2`` with ``K`` the cross-product
    matrix of the unit ``axis`` (normalised here).

    Returns:
        np.ndarray: ``(3, 3)`` float64.
    """
    k = np.asarray(axis, dtype=np.float64)
    k = k / max(np.linalg.norm(k), 1e-12)
    K = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    return np.eye(3) + np.sin(angle) * K + (1 - np.cos(angle)) * (K @ K)


def agcn_rotation_matrix(axis, theta: float) -> np.ndarray:
    """2s-AGCN ``rotation_matrix``: Euler-Rodrigues rotation by ``theta``.

    With ``a = cos(theta / 2)`` and ``(b, c, d) = -axis sin(theta / 2)``
    (unit ``axis``), the matrix of the quaternion ``(a, b, c, d)``; the
    identity for a null axis or angle (``< 1e-6``).

    Returns:
        np.ndarray: ``(3, 3)`` float64.
    """
    axis = np.asarray(axis, dtype=np.float64)
    if np.abs(axis).sum() < 1e-6 or abs(theta) < 1e-6:
        return np.eye(3)
    axis = axis / np.sqrt(np.dot(axis, axis))
    a = np.cos(theta / 2.0)
    b, c, d = -axis * np.sin(theta / 2.0)
    aa, bb, cc, dd = a * a, b * b, c * c, d * d
    bc, ad, ac, ab, bd, cd = b * c, a * d, a * c, a * b, b * d, c * d
    return np.array([[aa + bb - cc - dd, 2 * (bc + ad), 2 * (bd - ac)],
                     [2 * (bc - ad), aa + cc - bb - dd, 2 * (cd + ab)],
                     [2 * (bd + ac), 2 * (cd - ab), aa + dd - bb - cc]])


def align_rotation(vec: np.ndarray, target) -> np.ndarray:
    """Rotation that turns ``vec`` to the direction of ``target`` (2s-AGCN).

    :func:`agcn_rotation_matrix` about ``vec x target`` by the angle
    ``arccos(vec . target / (|vec| |target|))``; the identity for a null
    ``vec``.
    """
    target = np.asarray(target, dtype=np.float64)
    axis = np.cross(vec, target)
    nv = np.linalg.norm(vec)
    if nv < 1e-12:
        return np.eye(3)
    cos = np.clip(np.dot(vec / nv, target / np.linalg.norm(target)), -1, 1)
    return agcn_rotation_matrix(axis, float(np.arccos(cos)))


def basis_rotation(up_vec: np.ndarray, across_vec: np.ndarray, up: int,
                   across: int) -> np.ndarray:
    """Rotation onto canonical axes from two body directions (Gram-Schmidt).

    ``across_vec`` is made orthogonal to ``up_vec``; the returned matrix
    has the unit ``up_vec`` as row ``up``, the unit orthogonalised
    ``across_vec`` as row ``across`` and their cross product (right-handed)
    as the third row, so it maps ``up_vec`` onto axis ``up`` and
    ``across_vec`` into the plane of axes ``up`` and ``across``. The
    identity when either vector vanishes (``< 1e-9``).

    Args:
        up_vec, across_vec (np.ndarray): ``(3,)`` float64 directions.
        up, across (int): Different target axes in ``(0, 1, 2)``.
    """
    rot = np.eye(3)
    nu = np.linalg.norm(up_vec)
    a = across_vec - (np.dot(across_vec, up_vec) / max(nu ** 2, 1e-12)) \
        * up_vec
    na = np.linalg.norm(a)
    if nu > 1e-9 and na > 1e-9:
        src = np.zeros((3, 3))  # rows: body axes in camera space
        src[up] = up_vec / nu
        src[across] = a / na
        third = 3 - up - across
        src[third] = np.cross(src[(third + 1) % 3], src[(third + 2) % 3])
        rot = src
    return rot


def look_at_rotation(position: np.ndarray,
                     target: np.ndarray) -> np.ndarray:
    """Axes of a camera at ``position`` looking at ``target`` (``y`` up).

    Rows: ``x = y x z``, ``y`` = the world's up ``(0, 1, 0)`` made
    orthogonal to ``z``, ``z`` = the unit viewing direction; so
    ``(p - position) @ R.T`` maps world points ``p`` to camera
    coordinates (right-handed, ``z`` = depth).

    Returns:
        np.ndarray: ``(3, 3)`` float64.
    """
    z = target - position
    z /= np.linalg.norm(z)
    y = np.array([0., 1., 0.]) - z[1] * z
    y /= np.linalg.norm(y)
    x = np.cross(y, z)
    return np.stack([x, y, z])


def rotate_points(points: np.ndarray, rot: np.ndarray,
                  pivot: Optional[np.ndarray] = None) -> np.ndarray:
    """Apply ``x' = R (x - p) + p`` to every point of ``(..., 3)``.

    Args:
        points (np.ndarray): ``(..., 3)`` points, e.g. ``(M, T, V, 3)``.
        rot (np.ndarray): ``(3, 3)`` rotation; the result has the dtype
            NumPy promotes ``points`` and ``rot`` (and ``pivot``) to.
        pivot (np.ndarray, optional): ``(3,)`` fixed point (the origin if
            ``None``).

    Returns:
        np.ndarray: The rotated points, shape of ``points``.
    """
    if pivot is None:
        return points @ rot.T
    return (points - pivot) @ rot.T + pivot


# ---------------------------------------------------------------------------
# Body frames
# ---------------------------------------------------------------------------
def body_vertical_axis(kp: np.ndarray,
                       layout) -> Tuple[np.ndarray, np.ndarray]:
    """Body up-axis and pivot of the first actor (S-JEPA).

    Up = mean over the frames where the joints are present of (shoulder
    midpoint - pelvis), pelvis = ``layout.vertical_axis[0]``; the pivot is
    the mean pelvis position. Falls back to +y and the origin.

    Args:
        kp (np.ndarray): ``(M, T, V, 3)`` keypoints.
        layout (SkeletonLayout): Its ``vertical_axis`` and
            ``shoulder_line``.

    Returns:
        tuple[np.ndarray, np.ndarray]: Unit ``(3,)`` axis and ``(3,)``
        pivot, float64.
    """
    bottom = layout.vertical_axis[0]
    right, left = layout.shoulder_line
    a = kp[0]
    ok = np.any(a[:, [bottom, right, left]] != 0, axis=-1).all(-1)
    if not ok.any():
        return np.array([0., 1., 0.]), np.zeros(3)
    pelvis = a[ok, bottom].astype(np.float64)
    mid = 0.5 * (a[ok, right] + a[ok, left]).astype(np.float64)
    up = (mid - pelvis).mean(0)
    if np.linalg.norm(up) < 1e-8:
        up = np.array([0., 1., 0.])
    return up / np.linalg.norm(up), pelvis.mean(0)


def body_facing_angle(kp: np.ndarray, layout, axis: np.ndarray) -> float:
    """Angle about ``axis`` that turns the first actor to face the camera.

    The mean (over the frames where both are present) shoulder vector
    right -> left (``layout.shoulder_line``) and the camera's -x axis are
    projected on the plane normal to the unit ``axis``; the returned angle
    ``a`` (radians, in (-pi, pi]) rotates the first onto the second,
    ``R(axis, a)`` of :func:`rodrigues_matrix`. 0 when either projection
    vanishes (no shoulders, or shoulders along the axis). Kinect camera
    space (NTU, NW-UCLA, PKU-MMD): +x is the sensor's left, so a person
    facing the sensor has the left shoulder at smaller x.

    Args:
        kp (np.ndarray): ``(M, T, V, 3)`` keypoints.
        layout (SkeletonLayout): Its ``shoulder_line``.
        axis (np.ndarray): ``(3,)`` unit rotation axis.
    """
    right, left = layout.shoulder_line
    a = kp[0]
    ok = np.any(a[:, [right, left]] != 0, axis=-1).all(-1)
    if not ok.any():
        return 0.
    k = np.asarray(axis, dtype=np.float64)
    s = (a[ok, left] - a[ok, right]).astype(np.float64).mean(0)
    x = np.array([-1., 0., 0.])
    s_p, x_p = s - (s @ k) * k, x - (x @ k) * k
    if min(np.linalg.norm(s_p), np.linalg.norm(x_p)) < 1e-8:
        return 0.
    return float(np.arctan2(k @ np.cross(s_p, x_p), s_p @ x_p))
