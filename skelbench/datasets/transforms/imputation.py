"""Imputation of joints that the sensor lost (deterministic)."""
import numpy as np
from mmcv.transforms import BaseTransform

from skelbench.registry import TRANSFORMS


@TRANSFORMS.register_module()
class FillMissingJoints(BaseTransform):
    """Fill joints that the sensor dropped by interpolating over time.

    Kinect-style data mark a joint the tracker lost as all-zero
    coordinates for a few frames while the rest of the body is present
    (NTU RGB+D, the built-in synthetic data). Left as zeros, such a joint
    jumps to the camera origin (or, after :class:`CenterSkeleton`, to the
    body centre) and back: a spike that dominates motion statistics
    (motion-aware masking, motion targets) and the first layers of an
    encoder. This transform replaces each dropped joint, in every frame
    where its body is present, by linear interpolation between the
    nearest frames in which that joint was tracked (the nearest tracked
    value before the first / after the last one). Vectorised over actors,
    joints and frames.

    A joint is *missing* in frame ``t`` when all its coordinates are zero
    and the actor has some non-zero joint in that frame; frames where the
    whole actor is zero (absent or padded actors, padded frames) stay
    zero, as does a joint never tracked in the sequence. Run it first
    (before centring, which keeps zeros at zero).

    Required keys: ``keypoint`` (M, T, V, C).
    Modified keys: ``keypoint``.
    """

    def transform(self, results: dict) -> dict:
        kp = results['keypoint']
        if kp.ndim != 4:
            raise ValueError(f'keypoint must be (M, T, V, C), got shape '
                             f'{kp.shape}')
        tracked = np.abs(kp).sum(axis=-1) > 0  # (M, T, V)
        body = tracked.any(axis=-1, keepdims=True)  # (M, T, 1)
        missing = body & ~tracked
        if not missing.any():
            return results
        T = kp.shape[1]
        t = np.arange(T)[None, :, None]
        # index of the previous / next tracked frame of each joint
        prev = np.maximum.accumulate(np.where(tracked, t, -1), axis=1)
        nxt = np.minimum.accumulate(
            np.where(tracked, t, T)[:, ::-1], axis=1)[:, ::-1]
        has_prev, has_next = prev >= 0, nxt < T
        fillable = missing & (has_prev | has_next)
        p = np.where(has_prev, prev, nxt).clip(0, T - 1)
        n = np.where(has_next, nxt, prev).clip(0, T - 1)
        span = np.maximum(n - p, 1)
        w = np.where(n > p, (t - p) / span, 0.)[..., None]  # (M, T, V, 1)
        m_idx = np.arange(kp.shape[0])[:, None, None]
        v_idx = np.arange(kp.shape[2])[None, None, :]
        filled = (1 - w) * kp[m_idx, p, v_idx] + w * kp[m_idx, n, v_idx]
        results['keypoint'] = np.where(fillable[..., None], filled,
                                       kp).astype(kp.dtype, copy=False)
        return results
