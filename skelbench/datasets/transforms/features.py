"""Feature streams: bone vectors, motion and channel concatenation."""
from typing import Sequence

import numpy as np
from mmcv.transforms import BaseTransform

from skelbench.registry import TRANSFORMS

from .utils import resolve_layout


def joint_to_bone(keypoint: np.ndarray, layout) -> np.ndarray:
    """Bone vectors ``b[v] = x[v] - x[parent(v)]`` (zero for the root)."""
    return keypoint - keypoint[:, :, layout.parent_index]


def bone_to_joint(bone: np.ndarray, layout, root: np.ndarray = None):
    """Invert :func:`joint_to_bone`: ``x[v] = x[root] + sum of the bones on
    the path from the root to v``.

    Args:
        bone (np.ndarray): ``(M, T, V, C)`` bone vectors.
        layout: The :class:`SkeletonLayout` the bones come from.
        root (np.ndarray, optional): ``(M, T, C)`` root joint positions
            (zero if omitted).
    """
    V = layout.num_joints
    anc = np.zeros((V, V), dtype=bone.dtype)  # anc[v, u]: u on root->v
    for v in range(V):
        j = v
        while layout.parents[j] >= 0:
            anc[v, j] = 1
            j = layout.parents[j]
    joints = np.einsum('vu,mtuc->mtvc', anc, bone)
    if root is not None:
        joints = joints + root[:, :, None]
    return joints


def joint_to_motion(keypoint: np.ndarray) -> np.ndarray:
    """MAMP's motion: ``m[t] = x[t + 1] - x[t]``, ``m[T - 1] = 0``."""
    motion = np.zeros_like(keypoint)
    motion[:, :-1] = keypoint[:, 1:] - keypoint[:, :-1]
    return motion


@TRANSFORMS.register_module()
class JointToBone(BaseTransform):
    """Bone vectors from the layout's kinematic tree (2s-AGCN, BYOL).

    Moliner et al. (CVPRW'22) feed joint + bone (6 channels):
    ``b[v] = x[v] - x[parent(v)]``, the root's bone is zero. Invert with
    :func:`bone_to_joint`.

    Required keys: ``src`` (M, T, V, C), ``layout``.
    Added / modified keys: ``dst``.

    Args:
        src (str): Source key.
        dst (str): Output key (``'bone'``; ``'keypoint'`` replaces it).
        layout (str | dict, optional): Overrides ``results['layout']``.
    """

    def __init__(self, src: str = 'keypoint', dst: str = 'bone',
                 layout=None):
        self.src, self.dst, self.layout = src, dst, layout

    def transform(self, results: dict) -> dict:
        layout = resolve_layout(results, self.layout)
        results[self.dst] = joint_to_bone(results[self.src], layout)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(src={self.src!r}, '
                f'dst={self.dst!r})')


@TRANSFORMS.register_module()
class JointToMotion(BaseTransform):
    """Frame-difference motion stream (MAMP eq. of the motion target).

    ``m[t] = x[t + 1] - x[t]`` and ``m[T - 1] = 0`` (MAMP,
    ``motion_stride=1``); a single frame gives zero motion.

    Required keys: ``src`` (M, T, V, C).
    Added / modified keys: ``dst``.

    Args:
        src (str): Source key.
        dst (str): Output key.
    """

    def __init__(self, src: str = 'keypoint', dst: str = 'motion'):
        self.src, self.dst = src, dst

    def transform(self, results: dict) -> dict:
        results[self.dst] = joint_to_motion(results[self.src])
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(src={self.src!r}, '
                f'dst={self.dst!r})')


@TRANSFORMS.register_module()
class ConcatStreams(BaseTransform):
    """Concatenate streams on the channel axis (BYOL: joint + bone).

    Required keys: ``keys`` (each (M, T, V, C_i), same M, T, V).
    Added / modified keys: ``dst`` -> (M, T, V, sum C_i).

    Args:
        keys (Sequence[str]): Streams, in order.
        dst (str): Output key.
    """

    def __init__(self, keys: Sequence[str] = ('keypoint', 'bone'),
                 dst: str = 'keypoint'):
        if isinstance(keys, str) or len(keys) == 0:
            raise ValueError(f'keys must be a non-empty list of keys, got '
                             f'{keys!r}')
        self.keys, self.dst = tuple(keys), dst

    def transform(self, results: dict) -> dict:
        missing = [k for k in self.keys if k not in results]
        if missing:
            raise KeyError(f'ConcatStreams: missing streams {missing}')
        results[self.dst] = np.concatenate(
            [results[k] for k in self.keys], axis=-1)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(keys={self.keys}, '
                f'dst={self.dst!r})')
