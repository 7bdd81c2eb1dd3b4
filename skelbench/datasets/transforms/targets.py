"""Reconstruction targets of masked skeleton modelling (MAE, MAMP, NAT).

Tokens follow MAMP: a sequence ``(T, V, C)`` is cut into ``T' = T / l``
segments of ``l`` frames; token ``(t', v)`` holds the ``l x C`` values of
joint ``v`` in segment ``t'``, flattened in the order ``(u, c)``:
``patch[m, t', v, u * C + c] = x[m, t' * l + u, v, c]``. Tokens are
indexed time-major, ``t' * V + v``, as in :mod:`.masking`.
"""
import numpy as np
from mmcv.transforms import BaseTransform

from skelbench.registry import TRANSFORMS

from .features import joint_to_motion


def patchify(keypoint: np.ndarray, segment_len: int) -> np.ndarray:
    """``(M, T, V, C)`` -> ``(M, T', V, l * C)`` in MAMP's ``(u, c)`` order.

    ``T' = ceil(T / l)``; a last incomplete segment is completed by
    repeating the last frame (pipelines should use ``T`` divisible by
    ``l``, as MAMP's 120 = 30 x 4).
    """
    M, T, V, C = keypoint.shape
    n = -(-T // segment_len)
    if n * segment_len != T:
        idx = np.minimum(np.arange(n * segment_len), T - 1)
        keypoint = keypoint[:, idx]
    x = keypoint.reshape(M, n, segment_len, V, C).transpose(0, 1, 3, 2, 4)
    return x.reshape(M, n, V, segment_len * C)


def segment_norm(patch: np.ndarray, eps: float = 1e-6,
                 unbiased: bool = True) -> np.ndarray:
    """MAE/MAMP per-token normalisation (Gong et al. eq. 4).

    Mean and variance over all ``l * C`` values of a token (axes and frames
    mixed); MAMP: unbiased variance, ``(x - mean) / sqrt(var + 1e-6)``.
    """
    ddof = 1 if unbiased and patch.shape[-1] > 1 else 0
    mean = patch.mean(-1, keepdims=True)
    var = patch.var(-1, ddof=ddof, keepdims=True)
    return (patch - mean) / np.sqrt(var + eps)


def nat_norm(patch: np.ndarray, channels: int, eps: float = 1e-6,
             unbiased: bool = True) -> np.ndarray:
    """Normalisation Among Timestamps (Gong et al. eq. 5).

    For each token and each coordinate axis ``k`` separately, the ``l``
    values of that axis are normalised by their own mean and variance.
    """
    shape = patch.shape
    x = patch.reshape(shape[:-1] + (-1, channels))  # (..., l, C)
    ddof = 1 if unbiased and x.shape[-2] > 1 else 0
    mean = x.mean(-2, keepdims=True)
    var = x.var(-2, ddof=ddof, keepdims=True)
    return ((x - mean) / np.sqrt(var + eps)).reshape(shape)


@TRANSFORMS.register_module()
class GenerateReconstructionTarget(BaseTransform):
    """Per-token reconstruction target of masked skeleton modelling.

    * ``source='joint'``: the coordinates (MAE baseline, SkeletonMAE, Gong
      et al.); ``source='motion'``: MAMP's motion ``x[t+1] - x[t]`` with
      the last frame zero, computed before patchifying.
    * ``norm='none'``: raw values; ``'segment'``: MAE/MAMP per-token
      normalisation (Gong et al. eq. 4; MAMP ``norm_skes_loss``: unbiased
      variance + 1e-6); ``'nat'``: Gong et al.'s NAT (eq. 5), per token and
      per coordinate axis over the ``l`` frames.

    Gong et al.'s ablation is ``source='joint', norm='segment'`` (joint),
    ``source='joint', norm='nat'`` (joint + NAT) and ``source='motion',
    norm='segment'`` (motion, MAMP).

    ``T`` must be a multiple of ``segment_len``: the encoders cut the
    clip into whole segments (``SkeletonTransformer.segment_len``,
    ``STTFormer.len_parts``), so a padded last segment would be a target
    no token predicts; such a clip is refused in :meth:`transform`.

    Required keys: ``src`` (M, T, V, C), ``T`` a multiple of
    ``segment_len``.
    Added keys: ``dst`` (M, T', V, l * C) float32 in MAMP's patchify order
    ``(u, c)`` (see the module docstring).

    Args:
        source (str): ``'joint'`` or ``'motion'``.
        norm (str): ``'none'``, ``'segment'`` or ``'nat'``.
        segment_len (int): Frames per token ``l`` (MAMP 4).
        eps (float): Added to the variance.
        unbiased (bool): Unbiased variance (MAMP's torch default).
        src (str): Input key.
        dst (str): Output key.
    """

    def __init__(self, source: str = 'motion', norm: str = 'segment',
                 segment_len: int = 4, eps: float = 1e-6,
                 unbiased: bool = True, src: str = 'keypoint',
                 dst: str = 'target'):
        if source not in ('joint', 'motion'):
            raise ValueError(f"source must be 'joint' or 'motion', got "
                             f'{source!r}')
        if norm not in ('none', 'segment', 'nat'):
            raise ValueError("norm must be 'none', 'segment' or 'nat', got "
                             f'{norm!r}')
        if int(segment_len) < 1:
            raise ValueError(f'segment_len must be >= 1, got {segment_len}')
        if float(eps) < 0:
            raise ValueError(f'eps must be >= 0, got {eps}')
        self.source, self.norm = source, norm
        self.segment_len, self.eps = int(segment_len), float(eps)
        self.unbiased, self.src, self.dst = bool(unbiased), src, dst

    def transform(self, results: dict) -> dict:
        x = results[self.src]
        T = x.shape[1]
        if T % self.segment_len:
            raise ValueError(
                f'{type(self).__name__}: segment_len={self.segment_len} does '
                f'not divide the clip length T={T} of {self.src!r} (shape '
                f'{x.shape}); resize the clip to a multiple of segment_len '
                '(e.g. TemporalCropResize clip_len) or change segment_len')
        if self.source == 'motion':
            x = joint_to_motion(x)
        patch = patchify(x, self.segment_len).astype(np.float32)
        if self.norm == 'segment':
            patch = segment_norm(patch, self.eps, self.unbiased)
        elif self.norm == 'nat':
            patch = nat_norm(patch, x.shape[-1], self.eps, self.unbiased)
        results[self.dst] = patch.astype(np.float32, copy=False)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(source={self.source!r}, '
                f'norm={self.norm!r}, segment_len={self.segment_len}, '
                f'eps={self.eps}, unbiased={self.unbiased})')
