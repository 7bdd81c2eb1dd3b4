"""Affine maps of the coordinates other than rotations.

Shear, mirror, translation and scale, one random draw per sample applied
to every frame and actor. The linear ones (shear, flip, scale) keep
all-zero (absent) joints at zero by construction; the translation is
masked to the present joints. Rotations are in :mod:`.rotation`.
"""
from typing import Tuple

import numpy as np
from mmcv.transforms import BaseTransform

from skelbench.registry import TRANSFORMS

from .utils import (check_3d, check_prob, check_range, get_rng,
                    present_mask, resolve_layout)


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
        check_3d('RandomShear', kp)
        rng = get_rng(results)
        if rng.random() >= self.p:
            return results
        mat = np.eye(3)
        mat[~np.eye(3, dtype=bool)] = rng.uniform(-self.shear, self.shear, 6)
        results['keypoint'] = kp @ mat.T.astype(kp.dtype)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(shear={self.shear}, p={self.p})'


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
