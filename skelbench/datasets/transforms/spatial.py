"""Spatial (geometric) transforms.

Linear maps (rotations, shear, flips, scale, jitter) keep all-zero
(absent) joints at zero by construction; transforms that add offsets
(translation, noise, pivoted rotations) are masked to the present joints.
"""
from typing import Sequence, Tuple

import numpy as np
from mmcv.transforms import BaseTransform
from scipy.signal import savgol_filter

from skelbench.registry import TRANSFORMS

from .utils import (check_prob, check_range, get_rng, present_mask,
                    resolve_layout, valid_frame_count)


def _check_3d(name: str, kp: np.ndarray) -> None:
    if kp.shape[-1] != 3:
        raise ValueError(f'{name} needs 3-D keypoints, got C={kp.shape[-1]}')


def rodrigues_matrix(axis: np.ndarray, angle: float) -> np.ndarray:
    """Rotation by ``angle`` about the unit vector ``axis`` (Rodrigues).

    ``R = I + sin(a) K + (1 - cos(a)) K^2`` with ``K`` the cross-product
    matrix of ``axis``.
    """
    k = np.asarray(axis, dtype=np.float64)
    k = k / max(np.linalg.norm(k), 1e-12)
    K = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    return np.eye(3) + np.sin(angle) * K + (1 - np.cos(angle)) * (K @ K)


def euler_rotation_matrix(angles: np.ndarray) -> np.ndarray:
    """``R = Rz @ Ry @ Rx`` for angles ``(ax, ay, az)`` in radians."""
    ax, ay, az = angles
    cx, sx, cy, sy, cz, sz = (np.cos(ax), np.sin(ax), np.cos(ay),
                              np.sin(ay), np.cos(az), np.sin(az))
    rx = np.array([[1, 0, 0], [0, cx, sx], [0, -sx, cx]])
    ry = np.array([[cy, 0, -sy], [0, 1, 0], [sy, 0, cy]])
    rz = np.array([[cz, sz, 0], [-sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx


@TRANSFORMS.register_module()
class RandomEulerRotation(BaseTransform):
    """Rotate the whole sequence by random Euler angles (MAMP).

    One rotation per sample with angles ``U(-theta, theta)`` about x, y and
    z, ``R = Rz Ry Rx``, applied to every frame and actor (MAMP
    ``random_rot``, theta = 0.3 rad). All-zero (absent) joints stay zero.

    Required keys: ``keypoint`` (M, T, V, 3).
    Modified keys: ``keypoint``.

    Args:
        theta (float): Maximum absolute angle in radians.
    """

    def __init__(self, theta: float = 0.3):
        if theta < 0:
            raise ValueError(f'theta must be >= 0, got {theta}')
        self.theta = float(theta)

    def transform(self, results: dict) -> dict:
        kp = results['keypoint']
        if kp.shape[-1] != 3:
            raise ValueError('RandomEulerRotation needs 3-D keypoints, got '
                             f'C={kp.shape[-1]}')
        angles = get_rng(results).uniform(-self.theta, self.theta, size=3)
        rot = euler_rotation_matrix(angles).astype(kp.dtype)
        results['keypoint'] = kp @ rot.T
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(theta={self.theta})'


@TRANSFORMS.register_module()
class RandomShear(BaseTransform):
    """Shear every point by one random matrix (skeleton BYOL, ISC).

    Moliner et al. (CVPRW'22) and Thoker et al. (ACM MM'21):
    ``S = [[1, s01, s02], [s10, 1, s12], [s20, s21, 1]]`` with the six
    factors ``U(-shear, shear)`` (papers: 1); ``x' = S x`` for every joint,
    frame and actor. ``shear=0`` is the identity.

    Required keys: ``keypoint`` (M, T, V, 3).
    Modified keys: ``keypoint``.

    Args:
        shear (float): Largest absolute shear factor.
        p (float): Probability of applying it.
    """

    def __init__(self, shear: float = 1.0, p: float = 1.0):
        if float(shear) < 0:
            raise ValueError(f'shear must be >= 0, got {shear}')
        self.shear = float(shear)
        self.p = check_prob('p', p)

    def transform(self, results: dict) -> dict:
        kp = results['keypoint']
        _check_3d('RandomShear', kp)
        rng = get_rng(results)
        if rng.random() >= self.p:
            return results
        mat = np.eye(3)
        mat[~np.eye(3, dtype=bool)] = rng.uniform(-self.shear, self.shear, 6)
        results['keypoint'] = kp @ mat.T.astype(kp.dtype)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(shear={self.shear}, p={self.p})'


def body_vertical_axis(kp: np.ndarray, layout) -> tuple:
    """Body up-axis and pivot of the first actor (S-JEPA).

    Up = mean over the frames where the joints are present of (shoulder
    midpoint - pelvis), pelvis = ``layout.vertical_axis[0]``; the pivot is
    the mean pelvis position. Falls back to +y and the origin.
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


@TRANSFORMS.register_module()
class RandomBodyAxisRotation(BaseTransform):
    """Rotate about the body's own vertical axis (S-JEPA, Rodrigues).

    Abdelfattah & Alahi (ECCV'24): the up-axis ``k`` is estimated from the
    pelvis (``layout.vertical_axis[0]``) and the shoulders
    (``layout.shoulder_line``) of the first actor, averaged over frames;
    ``R = I + sin(a) K + (1 - cos(a)) K^2`` (Rodrigues) with
    ``a ~ U(-max_angle, max_angle)``, applied about the mean pelvis
    position to every frame and actor. Absent joints stay zero. With
    ``face_camera=True`` the sample is first turned about the same axis to
    face the camera (:func:`body_facing_angle`: the right -> left shoulder
    line along the camera's -x axis; the azimuth part of 2s-AGCN's view
    normalisation, keeping the camera's up direction), so
    ``max_angle=0`` gives a canonical orientation and ``max_angle > 0`` a
    random one *relative to* it. ``offset`` is added to every angle
    (``max_angle=0, offset=a``: a fixed rotation by ``a``, as
    ``tools/analysis_tools/rotation_sensitivity.py`` uses).

    Required keys: ``keypoint`` (M, T, V, 3), ``layout``.
    Modified keys: ``keypoint``.
    Added keys: ``rotation_angle``.

    Args:
        max_angle (float): Largest absolute angle in radians (default pi:
            any orientation; the paper does not give the range).
        face_camera (bool): Turn the body to face the camera first.
        offset (float): Constant angle in radians added to the random one.
        layout (str | dict, optional): Overrides ``results['layout']``.
    """

    def __init__(self, max_angle: float = np.pi, face_camera: bool = False,
                 offset: float = 0., layout=None):
        if float(max_angle) < 0:
            raise ValueError(f'max_angle must be >= 0, got {max_angle}')
        if not np.isfinite(float(offset)):
            raise ValueError(f'offset must be finite, got {offset}')
        self.max_angle = float(max_angle)
        self.face_camera = bool(face_camera)
        self.offset = float(offset)
        self.layout = layout

    def transform(self, results: dict) -> dict:
        kp = results['keypoint']
        _check_3d('RandomBodyAxisRotation', kp)
        layout = resolve_layout(results, self.layout)
        angle = self.offset + float(
            get_rng(results).uniform(-self.max_angle, self.max_angle))
        axis, pivot = body_vertical_axis(kp, layout)
        if self.face_camera:
            angle += body_facing_angle(kp, layout, axis)
        rot = rodrigues_matrix(axis, angle)
        out = (kp - pivot) @ rot.T + pivot
        results['keypoint'] = np.where(present_mask(kp), out, 0).astype(
            kp.dtype)
        results['rotation_angle'] = angle
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(max_angle={self.max_angle}, '
                f'face_camera={self.face_camera}, offset={self.offset})')


@TRANSFORMS.register_module()
class RandomFlip(BaseTransform):
    """Mirror the skeleton, optionally swapping its left/right joints.

    Negates coordinate ``axis`` (camera x: horizontal). With
    ``swap_joints=True`` the joints are also permuted by
    ``layout.flip_index``, so the mirrored left arm is stored as a right
    arm (a plausible body again: the usual flip augmentation). With
    ``swap_joints=False`` the flip is the pure reflection ``x -> -x``
    (S-JEPA's "affine transformations ... spatial flipping"): joint ``v``
    stays at index ``v``, so a token mask computed on another view of
    the same sample hides the *same* body joints in the mirrored view.
    With swapping, a masked joint's mirror partner would sit, visible, at
    the masked joint's partner index (S-JEPA README: "flip and masks").

    Required keys: ``keypoint`` (M, T, V, C), ``layout`` (when
    ``swap_joints``).
    Modified keys: ``keypoint``.
    Added keys: ``flipped`` (bool).

    Args:
        p (float): Flip probability.
        axis (int): Mirrored coordinate.
        swap_joints (bool): Permute left/right joints after mirroring.
        layout (str | dict, optional): Overrides ``results['layout']``.
    """

    def __init__(self, p: float = 0.5, axis: int = 0,
                 swap_joints: bool = True, layout=None):
        self.p = check_prob('p', p)
        if int(axis) < 0:
            raise ValueError(f'axis must be >= 0, got {axis}')
        if not isinstance(swap_joints, bool):
            raise TypeError(f'swap_joints must be a bool, got {swap_joints!r}')
        self.axis = int(axis)
        self.swap_joints = swap_joints
        self.layout = layout

    def transform(self, results: dict) -> dict:
        flip = bool(get_rng(results).random() < self.p)
        results['flipped'] = flip
        if not flip:
            return results
        kp = results['keypoint']
        if self.axis >= kp.shape[-1]:
            raise ValueError(f'axis={self.axis} but C={kp.shape[-1]}')
        if self.swap_joints:
            layout = resolve_layout(results, self.layout)
            out = kp[:, :, layout.flip_index].copy()
        else:
            out = kp.copy()
        out[..., self.axis] *= -1
        results['keypoint'] = out
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(p={self.p}, axis={self.axis}, '
                f'swap_joints={self.swap_joints})')


@TRANSFORMS.register_module()
class RandomTranslation(BaseTransform):
    """Translate by one random offset per sample (S-JEPA views).

    ``x' = x + d`` with ``d ~ U(-max_offset, max_offset)`` per axis,
    applied to present joints only.

    Required keys: ``keypoint`` (M, T, V, C).
    Modified keys: ``keypoint``.

    Args:
        max_offset (float | Sequence[float]): Largest offset per axis.
    """

    def __init__(self, max_offset=0.1):
        off = np.atleast_1d(np.asarray(max_offset, dtype=np.float64))
        if off.ndim != 1 or (off < 0).any():
            raise ValueError(f'max_offset must be >= 0, got {max_offset}')
        self.max_offset = off

    def transform(self, results: dict) -> dict:
        kp = results['keypoint']
        C = kp.shape[-1]
        off = np.broadcast_to(self.max_offset, (C, ))
        d = get_rng(results).uniform(-off, off)
        results['keypoint'] = np.where(present_mask(kp), kp + d.astype(
            kp.dtype), 0).astype(kp.dtype)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}'
                f'(max_offset={self.max_offset.tolist()})')


@TRANSFORMS.register_module()
class RandomScale(BaseTransform):
    """Scale by a random factor ``s ~ U(scale_range)`` (per axis if asked).

    Required keys: ``keypoint`` (M, T, V, C).
    Modified keys: ``keypoint``.

    Args:
        scale_range (tuple[float, float]): Range of the factor.
        per_axis (bool): One factor per coordinate axis.
    """

    def __init__(self, scale_range: Tuple[float, float] = (0.9, 1.1),
                 per_axis: bool = False):
        self.scale_range = check_range('scale_range', scale_range, low=0)
        self.per_axis = bool(per_axis)

    def transform(self, results: dict) -> dict:
        kp = results['keypoint']
        n = kp.shape[-1] if self.per_axis else 1
        s = get_rng(results).uniform(*self.scale_range, size=n)
        results['keypoint'] = kp * s.astype(kp.dtype)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(scale_range={self.scale_range}, '
                f'per_axis={self.per_axis})')


@TRANSFORMS.register_module()
class RandomSideDrop(BaseTransform):
    """Zero one whole body side for the whole sequence (skeleton BYOL).

    Moliner et al. (CVPRW'22), aggressive pipeline: with probability ``p``
    the joints of ``layout.left_side`` or of ``layout.right_side`` (equally
    likely) are set to zero in every frame and actor.

    Required keys: ``keypoint`` (M, T, V, C), ``layout``.
    Modified keys: ``keypoint``.
    Added keys: ``dropped_side`` (``'left'``, ``'right'`` or ``None``).

    Args:
        p (float): Probability of dropping a side (BYOL 0.5).
        layout (str | dict, optional): Overrides ``results['layout']``.
    """

    def __init__(self, p: float = 0.5, layout=None):
        self.p = check_prob('p', p)
        self.layout = layout

    def transform(self, results: dict) -> dict:
        rng = get_rng(results)
        drop, left = rng.random() < self.p, rng.random() < 0.5
        results['dropped_side'] = None
        if not drop:
            return results
        layout = resolve_layout(results, self.layout)
        side = layout.left_side if left else layout.right_side
        kp = results['keypoint'].copy()
        kp[:, :, list(side)] = 0
        results['keypoint'] = kp
        results['dropped_side'] = 'left' if left else 'right'
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(p={self.p})'


@TRANSFORMS.register_module()
class RandomJointJitter(BaseTransform):
    """Corrupt a random subset of joints (ISC's joint jitter).

    Thoker et al. (ACM MM'21) ``joint_courruption``: pick ``num_joints``
    joints without replacement (capped at ``V``); with probability
    ``zero_prob`` set them to zero, otherwise multiply their coordinates by
    one random 3x3 matrix with entries ``U(-1, 1)`` (all frames and actors).

    Required keys: ``keypoint`` (M, T, V, 3).
    Modified keys: ``keypoint``.
    Added keys: ``jitter_joints`` (indices).

    Args:
        num_joints (int): Joints to corrupt (ISC: 15 of 25).
        zero_prob (float): Probability of zeroing instead of the matrix.
        value_range (float): Entries of the matrix are ``U(-r, r)``.
    """

    def __init__(self, num_joints: int = 15, zero_prob: float = 0.5,
                 value_range: float = 1.0):
        if int(num_joints) < 0:
            raise ValueError(f'num_joints must be >= 0, got {num_joints}')
        if float(value_range) < 0:
            raise ValueError(f'value_range must be >= 0, got {value_range}')
        self.num_joints = int(num_joints)
        self.zero_prob = check_prob('zero_prob', zero_prob)
        self.value_range = float(value_range)

    def transform(self, results: dict) -> dict:
        kp = results['keypoint']
        _check_3d('RandomJointJitter', kp)
        rng = get_rng(results)
        V = kp.shape[2]
        idx = np.sort(rng.choice(V, size=min(self.num_joints, V),
                                 replace=False))
        zero = rng.random() < self.zero_prob
        mat = rng.uniform(-self.value_range, self.value_range, (3, 3))
        out = kp.copy()
        out[:, :, idx] = 0 if zero else kp[:, :, idx] @ mat.T.astype(
            kp.dtype)
        results['keypoint'] = out
        results['jitter_joints'] = idx
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(num_joints={self.num_joints}, '
                f'zero_prob={self.zero_prob}, '
                f'value_range={self.value_range})')


@TRANSFORMS.register_module()
class GaussianNoise(BaseTransform):
    """Add i.i.d. Gaussian noise ``N(0, std^2)`` to present joints.

    Required keys: ``keypoint`` (M, T, V, C).
    Modified keys: ``keypoint``.

    Args:
        std (float): Noise standard deviation.
        p (float): Probability of applying it.
    """

    def __init__(self, std: float = 0.01, p: float = 1.0):
        if float(std) < 0:
            raise ValueError(f'std must be >= 0, got {std}')
        self.std = float(std)
        self.p = check_prob('p', p)

    def transform(self, results: dict) -> dict:
        rng = get_rng(results)
        if rng.random() >= self.p:
            return results
        kp = results['keypoint']
        noise = rng.standard_normal(kp.shape, dtype=np.float32) * self.std
        results['keypoint'] = np.where(present_mask(kp), kp + noise,
                                       0).astype(kp.dtype)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(std={self.std}, p={self.p})'


@TRANSFORMS.register_module()
class SavitzkyGolayFilter(BaseTransform):
    """Savitzky-Golay low-pass filter along time (skeleton BYOL).

    Moliner et al. (CVPRW'22), aggressive pipeline: polynomial order 2,
    window 15, probability 0.5 (``scipy.signal.savgol_filter`` on the valid
    frames, ``mode='interp'``). Shorter sequences use the largest odd
    window that fits (nothing is done below ``polyorder + 2`` frames).

    Required keys: ``keypoint`` (M, T, V, C), ``total_frames`` (optional).
    Modified keys: ``keypoint``.

    Args:
        window_length (int): Odd window length.
        polyorder (int): Polynomial order (< window_length).
        p (float): Probability of applying it.
    """

    def __init__(self, window_length: int = 15, polyorder: int = 2,
                 p: float = 0.5):
        if int(window_length) < 1 or int(window_length) % 2 == 0:
            raise ValueError('window_length must be a positive odd integer, '
                             f'got {window_length}')
        if not 0 <= int(polyorder) < int(window_length):
            raise ValueError('polyorder must be in [0, window_length), got '
                             f'{polyorder}')
        self.window_length = int(window_length)
        self.polyorder = int(polyorder)
        self.p = check_prob('p', p)

    def transform(self, results: dict) -> dict:
        if get_rng(results).random() >= self.p:
            return results
        kp = results['keypoint']
        valid = valid_frame_count(kp, min(
            int(results.get('total_frames', kp.shape[1])), kp.shape[1]))
        win = min(self.window_length, valid if valid % 2 else valid - 1)
        if win <= self.polyorder:
            return results
        out = kp.copy()
        out[:, :valid] = savgol_filter(kp[:, :valid], win, self.polyorder,
                                       axis=1)
        results['keypoint'] = np.where(present_mask(kp), out, 0).astype(
            kp.dtype)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(window_length='
                f'{self.window_length}, polyorder={self.polyorder}, '
                f'p={self.p})')


@TRANSFORMS.register_module()
class RandomOrthographicProjection(BaseTransform):
    """S-JEPA's optional multi-axis projection view (rotate, zero an axis).

    Project site of S-JEPA (Abdelfattah & Alahi, ECCV'24), "Multi-Axis
    Projection": the 3-D skeleton is rotated (random Euler angles
    ``U(-theta, theta)``, ``R = Rz Ry Rx``) and orthographically projected
    onto the xy, zy or xz plane (equally likely among ``axes``): the
    dropped coordinate is set to zero, so ``C`` stays 3.

    Required keys: ``keypoint`` (M, T, V, 3).
    Modified keys: ``keypoint``.
    Added keys: ``projection_axis`` (the zeroed coordinate).

    Args:
        theta (float): Largest absolute Euler angle (0: no rotation).
        axes (Sequence[int]): Coordinates that may be dropped (2 -> xy
            plane, 0 -> zy, 1 -> xz).
        p (float): Probability of projecting (the rotation is always done).
    """

    def __init__(self, theta: float = 0.3, axes: Sequence[int] = (0, 1, 2),
                 p: float = 1.0):
        if float(theta) < 0:
            raise ValueError(f'theta must be >= 0, got {theta}')
        axes = tuple(int(a) for a in axes)
        if not axes or any(a not in (0, 1, 2) for a in axes):
            raise ValueError(f'axes must be a non-empty subset of (0, 1, 2),'
                             f' got {axes}')
        self.theta, self.axes = float(theta), axes
        self.p = check_prob('p', p)

    def transform(self, results: dict) -> dict:
        kp = results['keypoint']
        _check_3d('RandomOrthographicProjection', kp)
        rng = get_rng(results)
        angles = rng.uniform(-self.theta, self.theta, size=3)
        axis = self.axes[int(rng.integers(len(self.axes)))]
        out = kp @ euler_rotation_matrix(angles).T.astype(kp.dtype)
        if rng.random() < self.p:
            out[..., axis] = 0
            results['projection_axis'] = axis
        else:
            results['projection_axis'] = None
        results['keypoint'] = out
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(theta={self.theta}, '
                f'axes={self.axes}, p={self.p})')
