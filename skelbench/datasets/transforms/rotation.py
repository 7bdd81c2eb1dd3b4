"""Random rotations and viewpoint projections of the whole skeleton.

The matrices come from :mod:`skelbench.datasets.geometry`. Rotations
about the origin are linear and keep all-zero (absent) joints at zero;
the pivoted body-axis rotation is masked to the present joints.
"""
from typing import Sequence

import numpy as np
from mmcv.transforms import BaseTransform

from skelbench.registry import TRANSFORMS

from ..geometry import (body_facing_angle, body_vertical_axis,
                        euler_rotation_matrix, rodrigues_matrix,
                        rotate_points)
from .utils import (check_3d, check_prob, get_rng, present_mask,
                    resolve_layout)


@TRANSFORMS.register_module()
class RandomEulerRotation(BaseTransform):
    """Rotate the whole sequence by random Euler angles (MAMP).

    One rotation per sample with angles ``U(-theta, theta)`` about x, y and
    z, ``R = Rz Ry Rx`` (``geometry.euler_rotation_matrix``), applied to
    every frame and actor (MAMP ``random_rot``, theta = 0.3 rad).
    All-zero (absent) joints stay zero.

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
        check_3d('RandomEulerRotation', kp)
        angles = get_rng(results).uniform(-self.theta, self.theta, size=3)
        rot = euler_rotation_matrix(angles).astype(kp.dtype)
        results['keypoint'] = rotate_points(kp, rot)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(theta={self.theta})'


@TRANSFORMS.register_module()
class RandomBodyAxisRotation(BaseTransform):
    """Rotate about the body's own vertical axis (S-JEPA, Rodrigues).

    Abdelfattah & Alahi (ECCV'24): the up-axis ``k`` is estimated from the
    pelvis (``layout.vertical_axis[0]``) and the shoulders
    (``layout.shoulder_line``) of the first actor, averaged over frames
    (``geometry.body_vertical_axis``);
    ``R = I + sin(a) K + (1 - cos(a)) K^2`` (Rodrigues) with
    ``a ~ U(-max_angle, max_angle)``, applied about the mean pelvis
    position to every frame and actor. Absent joints stay zero. With
    ``face_camera=True`` the sample is first turned about the same axis to
    face the camera (``geometry.body_facing_angle``: the right -> left
    shoulder line along the camera's -x axis; the azimuth part of 2s-AGCN's
    view normalisation, keeping the camera's up direction), so
    ``max_angle=0`` gives a canonical orientation and ``max_angle > 0`` a
    random one *relative to* it.
    ``offset`` is added to every angle (``max_angle=0, offset=a``: a fixed
    rotation by ``a``, as ``tools/analysis_tools/rotation_sensitivity.py``
    uses).

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
        check_3d('RandomBodyAxisRotation', kp)
        layout = resolve_layout(results, self.layout)
        angle = self.offset + float(
            get_rng(results).uniform(-self.max_angle, self.max_angle))
        axis, pivot = body_vertical_axis(kp, layout)
        if self.face_camera:
            angle += body_facing_angle(kp, layout, axis)
        rot = rodrigues_matrix(axis, angle)
        out = rotate_points(kp, rot, pivot)
        results['keypoint'] = np.where(present_mask(kp), out, 0).astype(
            kp.dtype)
        results['rotation_angle'] = angle
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(max_angle={self.max_angle}, '
                f'face_camera={self.face_camera}, offset={self.offset})')


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
        check_3d('RandomOrthographicProjection', kp)
        rng = get_rng(results)
        angles = rng.uniform(-self.theta, self.theta, size=3)
        axis = self.axes[int(rng.integers(len(self.axes)))]
        out = rotate_points(kp, euler_rotation_matrix(angles).astype(
            kp.dtype))
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
