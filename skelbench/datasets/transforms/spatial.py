"""Spatial (geometric) transforms."""
import numpy as np
from mmcv.transforms import BaseTransform

from skelbench.registry import TRANSFORMS

from .utils import get_rng


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
