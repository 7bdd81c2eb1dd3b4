"""Token masking for masked skeleton modelling (MAMP, MAE, SkeletonMAE).

Outputs, per actor (each actor is an independent sequence, as in MAMP):

* ``ids_keep`` (M, K) int64: kept (visible) token indices, in the order the
  encoder receives them (MAMP: the shuffled order);
* ``ids_masked`` (M, L - K) int64: masked token indices;
* ``ids_restore`` (M, L) int64: ``argsort`` of ``[ids_keep, ids_masked]``
  (MAE's un-shuffle);
* ``mask`` (M, L) bool, ``True`` = masked.

For the transformer, tokens are the ``T' x V`` segments of ``l`` frames,
indexed time-major ``t' * V + v`` (see :mod:`.targets`).

A masking that masks nothing (the pretext loss is 0) or leaves no token
visible is refused: the ratios at construction, the token counts of a
sample (after rounding) in :meth:`transform`.
"""
import numpy as np
from mmcv.transforms import BaseTransform

from skelbench.registry import TRANSFORMS

from .targets import patchify
from .utils import get_rng


def num_masked_tokens(ratio: float, num_tokens: int) -> int:
    """``round(ratio * L)`` (half up), at most ``L - 1`` so one token is
    always visible (MAMP's 750 tokens, ratio 0.9: 675 masked)."""
    n = int(np.floor(ratio * num_tokens + 0.5))
    return max(0, min(n, num_tokens - 1))


def check_ratio(name: str, value: float, allow_zero: bool = False) -> float:
    """``value`` as a float in ``(0, 1)`` (``[0, 1)`` with ``allow_zero``).

    Raises:
        ValueError: Naming the parameter: 0 masks nothing (nothing to
            reconstruct or predict), 1 leaves no token visible.
    """
    v = float(value)
    low_ok = v >= 0 if allow_zero else v > 0
    if not (low_ok and v < 1):
        interval = '[0, 1)' if allow_zero else '(0, 1)'
        raise ValueError(
            f'{name} must be in {interval}, got {value}: 0 masks no token '
            '(nothing to reconstruct or predict, the loss is 0) and 1 '
            'leaves no token visible')
    return v


def split_by_scores(scores: np.ndarray, num_masked: int) -> dict:
    """Mask the ``num_masked`` highest scores of each row.

    Returns the ``ids_keep``, ``ids_masked``, ``ids_restore`` and ``mask``
    dict (MAMP's ascending argsort: the lowest scores are kept).
    """
    M, L = scores.shape
    order = np.argsort(scores, axis=1, kind='stable')
    K = L - num_masked
    mask = np.zeros((M, L), dtype=bool)
    np.put_along_axis(mask, order[:, K:], True, axis=1)
    return dict(ids_keep=order[:, :K].astype(np.int64),
                ids_masked=order[:, K:].astype(np.int64),
                ids_restore=np.argsort(order, axis=1).astype(np.int64),
                mask=mask)


def token_motion(keypoint: np.ndarray, segment_len: int) -> np.ndarray:
    """MAMP's per-token motion ``(M, T' * V)``.

    ``|p[t'] - p[t' - 1]|`` between consecutive patchified segments,
    averaged over the ``l * C`` values; the first segment copies the
    second (zero if ``T' = 1``).
    """
    patch = patchify(keypoint, segment_len)
    M, n, V, _ = patch.shape
    motion = np.zeros((M, n, V), dtype=np.float64)
    if n > 1:
        motion[:, 1:] = np.abs(patch[:, 1:] - patch[:, :-1]).mean(-1)
        motion[:, 0] = motion[:, 1]
    return motion.reshape(M, n * V)


@TRANSFORMS.register_module()
class MotionAwareMasking(BaseTransform):
    """Motion-aware token masking (MAMP; used by S-JEPA and Gong et al.).

    Mao et al. (ICCV'23): per-token motion ``m`` (:func:`token_motion`),
    ``pi = softmax(m / (max(m) * tau + 1e-10))`` over the ``L = T' V``
    tokens of an actor, and Gumbel-top-k without replacement: the
    ``round(mask_ratio * L)`` tokens with the largest ``log pi + g``
    (``g ~ Gumbel(0, 1)``) are masked. With ``tau = 0.8`` the largest logit
    is 1.25, so the most-moving token is at most ``e^1.25 ~ 3.5`` times as
    likely as a static one to be drawn first. ``tau <= 0`` is uniform
    random masking; an all-zero actor has zero motion and is masked
    uniformly. MAMP: ratio 0.9, tau 0.8 (NTU60, PKU) / 0.75 (NTU120).

    Required keys: ``src`` (M, T, V, C).
    Added keys: ``ids_keep`` (M, K), ``ids_masked`` (M, L - K),
    ``ids_restore`` (M, L), ``mask`` (M, L) bool (True = masked); see the
    module docstring.

    Args:
        mask_ratio (float): Fraction of masked tokens, in (0, 1).
        tau (float): Temperature; ``<= 0`` gives uniform masking.
        segment_len (int): Frames per token ``l`` (MAMP 4).
        src (str): Key the motion is computed from.

    Raises:
        ValueError: ``mask_ratio`` outside (0, 1); in :meth:`transform`,
            a sequence so short that ``round(mask_ratio * L)`` masks no
            token.
    """

    def __init__(self, mask_ratio: float = 0.9, tau: float = 0.8,
                 segment_len: int = 4, src: str = 'keypoint'):
        mask_ratio = check_ratio('mask_ratio', mask_ratio)
        if int(segment_len) < 1:
            raise ValueError(f'segment_len must be >= 1, got {segment_len}')
        self.mask_ratio, self.tau = mask_ratio, float(tau)
        self.segment_len, self.src = int(segment_len), src

    def scores(self, results: dict, rng) -> np.ndarray:
        kp = results[self.src]
        M, T, V = kp.shape[:3]
        L = -(-T // self.segment_len) * V
        gumbel = -np.log(-np.log(rng.random((M, L)) + 1e-10) + 1e-10)
        if self.tau <= 0:
            return gumbel
        m = token_motion(kp, self.segment_len)
        logits = m / (m.max(-1, keepdims=True) * self.tau + 1e-10)
        top = logits.max(-1, keepdims=True)
        logp = logits - top - np.log(np.exp(logits - top).sum(
            -1, keepdims=True))  # log-softmax
        return logp + gumbel

    def transform(self, results: dict) -> dict:
        scores = self.scores(results, get_rng(results))
        L = scores.shape[1]
        num = num_masked_tokens(self.mask_ratio, L)
        if num < 1:
            raise ValueError(
                f'{type(self).__name__}: mask_ratio={self.mask_ratio} masks '
                f'no token of a sequence of L={L} tokens (shape '
                f'{results[self.src].shape}, segment_len='
                f'{self.segment_len}); raise mask_ratio or the clip length')
        results.update(split_by_scores(scores, num))
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(mask_ratio={self.mask_ratio}, '
                f'tau={self.tau}, segment_len={self.segment_len})')


@TRANSFORMS.register_module()
class RandomTokenMasking(MotionAwareMasking):
    """Uniform random token masking (MAE; MAMP's MAE baseline).

    Same outputs as :class:`MotionAwareMasking` (``tau <= 0``): each actor
    masks ``round(mask_ratio * L)`` tokens drawn uniformly without
    replacement.

    Required keys: ``src`` (M, T, V, C).
    Added keys: ``ids_keep``, ``ids_masked``, ``ids_restore``, ``mask``.

    Args:
        mask_ratio (float): Fraction of masked tokens, in (0, 1).
        segment_len (int): Frames per token.
        src (str): Key whose shape defines the tokens.
    """

    def __init__(self, mask_ratio: float = 0.9, segment_len: int = 4,
                 src: str = 'keypoint'):
        super().__init__(mask_ratio=mask_ratio, tau=0.0,
                         segment_len=segment_len, src=src)

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(mask_ratio={self.mask_ratio}, '
                f'segment_len={self.segment_len})')


@TRANSFORMS.register_module()
class SpatioTemporalMasking(BaseTransform):
    """SkeletonMAE's spatio-temporal masking (Wu et al., ICMEW'23).

    Before the tuple division, per actor: ``round(frame_ratio * T)`` whole
    frames are masked, then ``round(joint_ratio * V)`` joints in each
    remaining frame, chosen per frame (``joint_mode='random'``, best) or
    the same joints in all frames (``'fixed'``). Tokens are single
    ``(frame, joint)`` entries, index ``t * V + v``; every actor masks
    ``F V + (T - F) J`` tokens. (Paper best: 0.5 / 0.5.) ``F`` and ``J``
    are ``round(ratio * T)`` and ``round(ratio * V)`` (half up), at most
    ``T - 1`` and ``V - 1``, so that at least one entry stays visible.

    Required keys: ``src`` (M, T, V, C).
    Added keys: ``ids_keep``, ``ids_masked``, ``ids_restore``, ``mask``
    (M, T * V) bool; ``frame_mask`` (M, T) bool (masked whole frames).
    Modified keys: ``src`` with the masked entries set to zero when
    ``zero_masked``.

    Args:
        frame_ratio (float): Fraction of masked frames, in [0, 1).
        joint_ratio (float): Fraction of masked joints per remaining
            frame, in [0, 1); not both 0.
        joint_mode (str): ``'random'`` or ``'fixed'``.
        zero_masked (bool): Zero the masked entries of the input.
        src (str): Input key.

    Raises:
        ValueError: A ratio outside [0, 1) or both 0 (nothing masked); in
            :meth:`transform`, a sequence on which the rounded counts mask
            no entry.
    """

    def __init__(self, frame_ratio: float = 0.5, joint_ratio: float = 0.5,
                 joint_mode: str = 'random', zero_masked: bool = False,
                 src: str = 'keypoint'):
        frame_ratio = check_ratio('frame_ratio', frame_ratio,
                                  allow_zero=True)
        joint_ratio = check_ratio('joint_ratio', joint_ratio,
                                  allow_zero=True)
        if frame_ratio == 0 and joint_ratio == 0:
            raise ValueError(
                'frame_ratio and joint_ratio are both 0: no entry is '
                'masked, so there is nothing to reconstruct (the loss on '
                'masked entries is 0, the whole-sequence loss an identity)')
        if joint_mode not in ('random', 'fixed'):
            raise ValueError("joint_mode must be 'random' or 'fixed', got "
                             f'{joint_mode!r}')
        self.frame_ratio, self.joint_ratio = float(frame_ratio), float(
            joint_ratio)
        self.joint_mode, self.zero_masked = joint_mode, bool(zero_masked)
        self.src = src

    def transform(self, results: dict) -> dict:
        kp = results[self.src]
        M, T, V = kp.shape[:3]
        rng = get_rng(results)
        F = min(int(np.floor(self.frame_ratio * T + 0.5)), T - 1)
        J = min(int(np.floor(self.joint_ratio * V + 0.5)), V - 1)
        if F * V + (T - F) * J < 1:
            raise ValueError(
                f'{type(self).__name__}: frame_ratio={self.frame_ratio}, '
                f'joint_ratio={self.joint_ratio} mask no entry of a '
                f'sequence of T={T} frames x V={V} joints; raise a ratio')
        # frame scores: the F highest are masked
        frame_rank = np.argsort(rng.random((M, T)), axis=1).argsort(axis=1)
        frame_mask = frame_rank >= T - F
        if self.joint_mode == 'random':
            jr = rng.random((M, T, V))
        else:
            jr = np.broadcast_to(rng.random((M, 1, V)), (M, T, V))
        joint_mask = np.argsort(jr, axis=2).argsort(axis=2) >= V - J
        mask3 = frame_mask[:, :, None] | joint_mask  # (M, T, V)
        # order: kept tokens first (random order), then the masked ones
        scores = mask3.reshape(M, T * V) + rng.random((M, T * V)) * 0.5
        num = F * V + (T - F) * J
        results.update(split_by_scores(scores, num))
        results['frame_mask'] = frame_mask
        if self.zero_masked:
            results[self.src] = np.where(mask3[..., None], 0, kp).astype(
                kp.dtype)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(frame_ratio={self.frame_ratio},'
                f' joint_ratio={self.joint_ratio}, '
                f'joint_mode={self.joint_mode!r}, '
                f'zero_masked={self.zero_masked})')
