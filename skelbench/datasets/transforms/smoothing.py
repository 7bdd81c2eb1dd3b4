"""Temporal smoothing of joint trajectories (low-pass filtering).

Filters run on the valid frames (up to the last frame with a non-zero
joint, bounded by ``total_frames``) and keep absent (all-zero) joints at
zero.
"""
import numpy as np
from mmcv.transforms import BaseTransform
from scipy.signal import savgol_filter

from skelbench.registry import TRANSFORMS

from .utils import check_prob, get_rng, present_mask, valid_frame_count


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
