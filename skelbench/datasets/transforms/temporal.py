"""Temporal transforms: crop-resize, resampling, shifts, padding, sampling.

All of them work on the *valid* frames of ``keypoint`` (up to the last
frame with a non-zero joint, bounded by ``total_frames``); an all-zero
sequence keeps its ``total_frames`` frames.
"""
from typing import Tuple

import numpy as np
from mmcv.transforms import BaseTransform

from skelbench.registry import TRANSFORMS

from .utils import check_range, get_rng, valid_frame_count


def resize_time(keypoint: np.ndarray, length: int) -> np.ndarray:
    """Linearly resample ``(M, T, V, C)`` to ``(M, length, V, C)``.

    Same sampling grid as ``F.interpolate(mode='bilinear',
    align_corners=False)`` along time (the one MAMP uses): output frame
    ``i`` reads source position ``(i + 0.5) * T / length - 0.5`` clamped to
    ``[0, T - 1]``.
    """
    T = keypoint.shape[1]
    if T == length:
        return keypoint.copy()
    pos = (np.arange(length, dtype=np.float64) + 0.5) * (T / length) - 0.5
    pos = np.clip(pos, 0, T - 1)
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, T - 1)
    w = (pos - lo).astype(keypoint.dtype)[None, :, None, None]
    return keypoint[:, lo] * (1 - w) + keypoint[:, hi] * w


@TRANSFORMS.register_module()
class TemporalCropResize(BaseTransform):
    """Crop a part of the valid frames and resize it to ``clip_len``.

    MAMP's ``valid_crop_resize`` (also S-JEPA, Gong et al.; ISC with
    ``ratio_range=(0.1, 1)``, ``clip_len=64``). Training: the crop length is
    ``clip(floor(valid * p), min_len, valid)`` with ``p ~ U(ratio_range)``
    at a random start. Test: the centred crop of ratio ``test_ratio``.
    Frames are resampled linearly (bilinear, ``align_corners=False``).

    Required keys: ``keypoint`` (M, T, V, C), ``total_frames``.
    Modified keys: ``keypoint`` -> (M, clip_len, V, C), ``total_frames``.
    Added keys: ``crop_bounds`` (start, end) in source frames.

    Args:
        clip_len (int): Output length (MAMP: 120).
        ratio_range (tuple[float, float]): Crop ratio range (MAMP: 0.5, 1).
        min_len (int): Minimum crop length (MAMP: 64).
        test_mode (bool): Use the centred ``test_ratio`` crop.
        test_ratio (float): Test crop ratio (MAMP 0.95, S-JEPA 0.9).
    """

    def __init__(self, clip_len: int = 120,
                 ratio_range: Tuple[float, float] = (0.5, 1.0),
                 min_len: int = 64, test_mode: bool = False,
                 test_ratio: float = 0.95):
        if clip_len < 1:
            raise ValueError(f'clip_len must be >= 1, got {clip_len}')
        lo, hi = ratio_range
        if not 0 < lo <= hi <= 1:
            raise ValueError('ratio_range must satisfy 0 < low <= high <= 1,'
                             f' got {ratio_range}')
        if not 0 < test_ratio <= 1:
            raise ValueError(f'test_ratio must be in (0, 1], got '
                             f'{test_ratio}')
        self.clip_len = int(clip_len)
        self.ratio_range = (float(lo), float(hi))
        self.min_len = int(min_len)
        self.test_mode = bool(test_mode)
        self.test_ratio = float(test_ratio)

    def transform(self, results: dict) -> dict:
        kp = results['keypoint']
        valid = valid_frame_count(kp, results.get('total_frames'))
        if valid == 0:  # an all-zero sequence: keep its length
            valid = min(kp.shape[1], int(results.get('total_frames',
                                                     kp.shape[1])))
        if self.test_mode:
            bias = int((1 - self.test_ratio) * valid / 2)
            start, end = bias, valid - bias
            if end <= start:
                start, end = 0, valid
        else:
            rng = get_rng(results)
            p = rng.uniform(*self.ratio_range)
            length = min(max(int(np.floor(valid * p)), self.min_len), valid)
            length = max(length, 1)
            start = int(rng.integers(0, valid - length + 1))
            end = start + length
        results['keypoint'] = resize_time(kp[:, start:end], self.clip_len)
        results['total_frames'] = self.clip_len
        results['crop_bounds'] = (start, end)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(clip_len={self.clip_len}, '
                f'ratio_range={self.ratio_range}, min_len={self.min_len}, '
                f'test_mode={self.test_mode}, test_ratio={self.test_ratio})')


def _valid_frames(results: dict) -> int:
    kp = results['keypoint']
    total = min(int(results.get('total_frames', kp.shape[1])), kp.shape[1])
    valid = valid_frame_count(kp, total)
    return valid if valid > 0 else max(total, 1)


@TRANSFORMS.register_module()
class RandomResample(BaseTransform):
    """Resample the valid frames at a random rate (skeleton BYOL).

    Moliner et al. (CVPRW'22), aggressive and conservative pipelines:
    playback-rate change by ``r ~ U(rate_range)``; the valid ``T_v`` frames
    are linearly resampled (:func:`resize_time`) to
    ``max(1, round(T_v / r))`` frames (``r > 1`` plays faster). Follow it
    with :class:`PadTo` for a fixed length.

    Required keys: ``keypoint`` (M, T, V, C), ``total_frames`` (optional).
    Modified keys: ``keypoint`` -> (M, T', V, C), ``total_frames`` = T'.
    Added keys: ``resample_rate``.

    Args:
        rate_range (tuple[float, float]): Range of the rate (BYOL 0.7, 1.3).
    """

    def __init__(self, rate_range: Tuple[float, float] = (0.7, 1.3)):
        self.rate_range = check_range('rate_range', rate_range)
        if self.rate_range[0] <= 0:
            raise ValueError(f'rate_range must be positive, got {rate_range}')

    def transform(self, results: dict) -> dict:
        valid = _valid_frames(results)
        rate = float(get_rng(results).uniform(*self.rate_range))
        length = max(1, int(round(valid / rate)))
        results['keypoint'] = resize_time(results['keypoint'][:, :valid],
                                          length)
        results['total_frames'] = length
        results['resample_rate'] = rate
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(rate_range={self.rate_range})'


@TRANSFORMS.register_module()
class RandomTemporalShift(BaseTransform):
    """Cyclic shift of the valid frames (skeleton BYOL).

    Moliner et al. (CVPRW'22), aggressive pipeline: ``x'[t] = x[(t - s) mod
    T_v]`` over the ``T_v`` valid frames, ``s ~ U{0, ..., max_shift}``
    (BYOL: 150). Padding after the valid frames stays in place.

    Required keys: ``keypoint`` (M, T, V, C), ``total_frames`` (optional).
    Modified keys: ``keypoint``.
    Added keys: ``temporal_shift`` (the shift ``s``).

    Args:
        max_shift (int): Largest shift in frames.
    """

    def __init__(self, max_shift: int = 150):
        if int(max_shift) < 0:
            raise ValueError(f'max_shift must be >= 0, got {max_shift}')
        self.max_shift = int(max_shift)

    def transform(self, results: dict) -> dict:
        kp = results['keypoint']
        valid = min(_valid_frames(results), kp.shape[1])
        shift = int(get_rng(results).integers(0, self.max_shift + 1))
        kp = kp.copy()
        kp[:, :valid] = np.roll(kp[:, :valid], shift, axis=1)
        results['keypoint'] = kp
        results['temporal_shift'] = shift
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(max_shift={self.max_shift})'


@TRANSFORMS.register_module()
class PadTo(BaseTransform):
    """Crop or pad the valid frames to exactly ``length`` frames.

    Skeleton BYOL (Moliner et al.): "crop to 150 frames, repeat shorter
    sequences". Longer sequences are cropped (``crop='random'`` start, or
    ``'start'`` / ``'center'``); shorter ones are tiled (``mode='repeat'``)
    or zero-padded (``mode='zero'``).

    Required keys: ``keypoint`` (M, T, V, C), ``total_frames`` (optional).
    Modified keys: ``keypoint`` -> (M, length, V, C), ``total_frames``
    (= length for ``'repeat'``, the valid count for ``'zero'``).

    Args:
        length (int): Output length (BYOL 150).
        mode (str): ``'repeat'`` or ``'zero'``.
        crop (str): ``'random'``, ``'start'`` or ``'center'``.
    """

    def __init__(self, length: int = 150, mode: str = 'repeat',
                 crop: str = 'random'):
        if int(length) < 1:
            raise ValueError(f'length must be >= 1, got {length}')
        if mode not in ('repeat', 'zero'):
            raise ValueError(f"mode must be 'repeat' or 'zero', got {mode!r}")
        if crop not in ('random', 'start', 'center'):
            raise ValueError("crop must be 'random', 'start' or 'center', "
                             f'got {crop!r}')
        self.length, self.mode, self.crop = int(length), mode, crop

    def transform(self, results: dict) -> dict:
        kp = results['keypoint']
        valid = min(_valid_frames(results), kp.shape[1])
        L = self.length
        if valid >= L:
            if self.crop == 'random':
                start = int(get_rng(results).integers(0, valid - L + 1))
            elif self.crop == 'center':
                start = (valid - L) // 2
            else:
                start = 0
            out = kp[:, start:start + L].copy()
            total = L
        elif self.mode == 'repeat':
            out = kp[:, np.arange(L) % valid]
            total = L
        else:
            out = np.zeros(kp.shape[:1] + (L, ) + kp.shape[2:], kp.dtype)
            out[:, :valid] = kp[:, :valid]
            total = valid
        results['keypoint'] = out
        results['total_frames'] = total
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(length={self.length}, '
                f'mode={self.mode!r}, crop={self.crop!r})')


@TRANSFORMS.register_module()
class UniformSampleFrames(BaseTransform):
    """Uniformly sample ``clip_len`` frames of the valid frames.

    PYSKL / ST-GCN++ style: the valid frames are cut into ``clip_len``
    equal segments and one frame is drawn from each (training: a random
    frame of the segment; test: its middle frame). Shorter sequences
    repeat frames (``floor(i * T_v / clip_len)``).

    Required keys: ``keypoint`` (M, T, V, C), ``total_frames`` (optional).
    Modified keys: ``keypoint`` -> (M, clip_len, V, C), ``total_frames``.
    Added keys: ``frame_inds``.

    Args:
        clip_len (int): Number of sampled frames.
        test_mode (bool): Deterministic middle frames.
    """

    def __init__(self, clip_len: int = 64, test_mode: bool = False):
        if int(clip_len) < 1:
            raise ValueError(f'clip_len must be >= 1, got {clip_len}')
        self.clip_len = int(clip_len)
        self.test_mode = bool(test_mode)

    def transform(self, results: dict) -> dict:
        kp = results['keypoint']
        valid = min(_valid_frames(results), kp.shape[1])
        n = self.clip_len
        edges = np.arange(n + 1) * valid / n
        lo = np.floor(edges[:-1]).astype(np.int64)
        hi = np.maximum(np.floor(edges[1:]).astype(np.int64), lo + 1)
        if self.test_mode:
            inds = (lo + hi - 1) // 2
        else:
            u = get_rng(results).random(n)
            inds = lo + np.floor(u * (hi - lo)).astype(np.int64)
        inds = np.clip(inds, 0, valid - 1)
        results['keypoint'] = kp[:, inds]
        results['total_frames'] = n
        results['frame_inds'] = inds
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(clip_len={self.clip_len}, '
                f'test_mode={self.test_mode})')
