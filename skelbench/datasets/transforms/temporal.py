"""Temporal transforms."""
from typing import Sequence, Tuple, Union

import numpy as np
from mmcv.transforms import BaseTransform

from skelbench.registry import TRANSFORMS

from .utils import get_rng, valid_frame_count


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
