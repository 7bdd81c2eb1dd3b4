"""Normalisation of position and orientation (deterministic).

* :class:`CenterSkeleton`: translate the layout's origin joint to zero
  (first frame, MAMP/SGN; or per frame, 2s-AGCN).
* :class:`MAMPNormalize`: SGN/MAMP ``seq_transformation.py``.
* :class:`AGCNNormalize`: 2s-AGCN / Skeleton-Contrast (ISC)
  ``pre_normalization``.
* :class:`BYOLNormalize`: skeleton BYOL (Moliner et al.): centre and
  rotate to a canonical orientation in the first frame.

They take the layout's joints (``origin``, ``vertical_axis``,
``shoulder_line``): NTU ``nturgb+d`` gives spine-mid 1, hip 0 -> spine 1,
right shoulder 8 -> left shoulder 4, as in the original code. The
rotations come from :mod:`skelbench.datasets.geometry`.
"""
import numpy as np
from mmcv.transforms import BaseTransform

from skelbench.layouts import get_layout
from skelbench.registry import TRANSFORMS

from ..geometry import align_rotation, basis_rotation
from .utils import resolve_layout


def _first_valid_frame(actor: np.ndarray) -> int:
    nz = np.flatnonzero(np.abs(actor).sum(axis=(1, 2)))
    return int(nz[0]) if nz.size else -1


@TRANSFORMS.register_module()
class CenterSkeleton(BaseTransform):
    """Translate so that the layout's origin joint is at zero.

    ``mode='first_frame'`` (MAMP/SGN): subtract the origin joint of the
    first actor in its first frame with any non-zero joint, from every
    frame and actor. ``mode='per_frame'`` (2s-AGCN): subtract the first
    actor's origin joint frame by frame. Absent (all-zero) actors and
    frames stay zero.

    Required keys: ``keypoint`` (M, T, V, C), ``layout``.
    Modified keys: ``keypoint``.

    Args:
        mode (str): ``'first_frame'`` or ``'per_frame'``.
        layout (str | dict, optional): Overrides ``results['layout']``.
    """

    def __init__(self, mode: str = 'first_frame', layout=None):
        if mode not in ('first_frame', 'per_frame'):
            raise ValueError("mode must be 'first_frame' or 'per_frame', "
                             f'got {mode!r}')
        self.mode = mode
        self.layout = None if layout is None else get_layout(layout)

    def transform(self, results: dict) -> dict:
        layout = resolve_layout(results, self.layout)
        kp = results['keypoint']
        present = np.abs(kp).sum(axis=-1, keepdims=True) > 0  # M,T,V,1
        origin = kp[0, :, layout.origin]  # (T, C)
        if self.mode == 'first_frame':
            frames = np.flatnonzero(np.abs(kp[0]).sum(axis=(1, 2)))
            if frames.size == 0:
                return results
            shift = origin[frames[0]][None, None, None]
        else:
            shift = origin[None, :, None]
        results['keypoint'] = np.where(present, kp - shift, 0).astype(
            kp.dtype, copy=False)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(mode={self.mode!r})'


@TRANSFORMS.register_module()
class MAMPNormalize(BaseTransform):
    """SGN / MAMP translation (``seq_translation`` + ``align_frames``).

    Subtracts the origin joint (spine middle, joint 1 for NTU) of actor 1
    in its first valid frame from every joint of every frame and actor;
    absent actors and frames stay zero. No rotation, no scale.

    ``duplicate_single_actor`` selects the NTU120 script's behaviour: a
    sequence with one actor gets it copied into the empty second slot
    (``np.hstack((ske_joints, ske_joints))``); the NTU60 script (default,
    ``False``) leaves the second slot zero.

    Required keys: ``keypoint`` (M, T, V, C), ``layout``.
    Modified keys: ``keypoint``.

    Args:
        duplicate_single_actor (bool): NTU120 behaviour (see above).
        layout (str | dict, optional): Overrides ``results['layout']``.
    """

    def __init__(self, duplicate_single_actor: bool = False, layout=None):
        self.duplicate_single_actor = bool(duplicate_single_actor)
        self.layout = layout

    def transform(self, results: dict) -> dict:
        layout = resolve_layout(results, self.layout)
        kp = results['keypoint']
        f = _first_valid_frame(kp[0])
        if f < 0:
            return results
        origin = kp[0, f, layout.origin].astype(np.float64)
        present = np.any(kp != 0, axis=-1, keepdims=True)
        out = np.where(present, kp - origin, 0).astype(kp.dtype)
        if (self.duplicate_single_actor and out.shape[0] >= 2
                and not out[1:].any()):
            out[1] = out[0]
        results['keypoint'] = out
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(duplicate_single_actor='
                f'{self.duplicate_single_actor})')


@TRANSFORMS.register_module()
class AGCNNormalize(BaseTransform):
    """2s-AGCN / ISC ``pre_normalization`` (``data_gen/preprocess.py``).

    1. Per actor: if its first frame is empty, its non-empty frames are
       moved to the start; trailing empty frames are filled by repeating
       the sequence (after ``pad_to`` zero padding, if given: 2s-AGCN
       arrays have 300 frames).
    2. Per frame, actor 1's origin joint (spine middle) is subtracted from
       every actor's non-zero joints.
    3. Everything is rotated so that actor 1's first-frame
       ``vertical_axis`` bone (hip -> spine) is parallel to +z,
    4. then so that its first-frame shoulder bone ``shoulder_line[0] ->
       shoulder_line[1]`` *reversed*, i.e. the vector ``joint[8] -
       joint[4]`` (left -> right shoulder position difference, as in the
       code) is parallel to +x.

    Required keys: ``keypoint`` (M, T, V, C=3), ``layout``.
    Modified keys: ``keypoint``, ``total_frames`` (= T with ``pad_to``).

    Args:
        pad_to (int, optional): Zero-pad to this many frames first.
        layout (str | dict, optional): Overrides ``results['layout']``.
    """

    def __init__(self, pad_to=None, layout=None):
        self.pad_to = None if pad_to is None else int(pad_to)
        self.layout = layout

    def transform(self, results: dict) -> dict:
        layout = resolve_layout(results, self.layout)
        kp = results['keypoint']
        dtype = kp.dtype
        s = kp.astype(np.float64)
        M, T, V, C = s.shape
        if self.pad_to is not None and self.pad_to > T:
            s = np.concatenate([s, np.zeros((M, self.pad_to - T, V, C))], 1)
            T = self.pad_to
        if s.sum() == 0:
            results['keypoint'] = s.astype(dtype)
            results['total_frames'] = T
            return results
        for p in range(M):  # 1. pad
            person = s[p]
            if person.sum() == 0:
                continue
            if person[0].sum() == 0:
                index = person.sum(-1).sum(-1) != 0
                tmp = person[index].copy()
                person[:] = 0
                person[:len(tmp)] = tmp
            for f in range(T):
                if person[f].sum() == 0 and person[f:].sum() == 0:
                    rest = T - f
                    num = int(np.ceil(rest / f))
                    person[f:] = np.concatenate([person[:f]] * num, 0)[:rest]
                    break
        center = s[0][:, layout.origin:layout.origin + 1].copy()  # 2.
        for p in range(M):
            if s[p].sum() == 0:
                continue
            mask = (s[p].sum(-1) != 0)[..., None]
            s[p] = (s[p] - center) * mask
        bottom, top = layout.vertical_axis  # 3.
        rz = align_rotation(s[0, 0, top] - s[0, 0, bottom], [0, 0, 1])
        s = self._rotate(s, rz)
        right, left = layout.shoulder_line  # 4.
        rx = align_rotation(s[0, 0, right] - s[0, 0, left], [1, 0, 0])
        s = self._rotate(s, rx)
        results['keypoint'] = s.astype(dtype)
        results['total_frames'] = T
        return results

    @staticmethod
    def _rotate(s, rot):
        frame_present = s.sum(axis=(2, 3), keepdims=True) != 0
        return np.where(frame_present, s @ rot.T, s)

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(pad_to={self.pad_to})'


@TRANSFORMS.register_module()
class BYOLNormalize(BaseTransform):
    """Skeleton BYOL: centre and rotate to a canonical orientation.

    Moliner et al. (CVPRW'22) normalise each sequence by its first frame;
    the paper gives no code, so this follows its description
    [UNVERIFIED in detail]: subtract actor 1's origin joint in its first
    valid frame (as MAMP), then apply the one rotation that makes that
    frame's ``vertical_axis`` bone point along ``up`` and its shoulder
    line (``joint[shoulder_line[1]] - joint[shoulder_line[0]]``, right ->
    left shoulder) lie along ``across`` (Gram-Schmidt on the two bones).

    Required keys: ``keypoint`` (M, T, V, C=3), ``layout``.
    Modified keys: ``keypoint``.

    Args:
        up (int): Axis index of the vertical (NTU camera space: 1 = y).
        across (int): Axis index of the shoulder line (0 = x).
        layout (str | dict, optional): Overrides ``results['layout']``.
    """

    def __init__(self, up: int = 1, across: int = 0, layout=None):
        if {int(up), int(across)} - {0, 1, 2} or up == across:
            raise ValueError('up and across must be different axes in '
                             f'(0, 1, 2), got {up}, {across}')
        self.up, self.across = int(up), int(across)
        self.layout = layout

    def transform(self, results: dict) -> dict:
        layout = resolve_layout(results, self.layout)
        kp = results['keypoint']
        f = _first_valid_frame(kp[0])
        if f < 0:
            return results
        frame = kp[0, f].astype(np.float64)
        present = np.any(kp != 0, axis=-1, keepdims=True)
        centred = kp.astype(np.float64) - frame[layout.origin]
        bottom, top = layout.vertical_axis
        right, left = layout.shoulder_line
        rot = basis_rotation(frame[top] - frame[bottom],
                             frame[left] - frame[right], self.up,
                             self.across)
        out = np.where(present, centred @ rot.T, 0)
        results['keypoint'] = out.astype(kp.dtype)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(up={self.up}, '
                f'across={self.across})')
