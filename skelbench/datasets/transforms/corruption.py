"""Corruptions of joints: dropped body sides, jittered joints, noise.

Robustness augmentations of the contrastive methods (skeleton BYOL, ISC):
they hide or perturb some joints of the sample. Added noise is masked to
the present joints, so absent (all-zero) joints stay zero.
"""
import numpy as np
from mmcv.transforms import BaseTransform

from skelbench.registry import TRANSFORMS

from .utils import check_3d, check_prob, get_rng, present_mask, \
    resolve_layout


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
        check_3d('RandomJointJitter', kp)
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
