"""Helpers shared by the skeleton transforms."""
import numpy as np


def get_rng(results: dict) -> np.random.Generator:
    """The sample's random generator (``results['rng']``).

    :class:`~skelbench.datasets.SkeletonDataset` seeds it from
    ``(seed, epoch, sample_idx)``. A transform called on a dict without one
    (e.g. interactively) gets a fresh, unseeded generator that is stored
    so later transforms share it.
    """
    rng = results.get('rng')
    if rng is None:
        rng = results['rng'] = np.random.default_rng()
    return rng


def valid_frame_count(keypoint: np.ndarray, total_frames=None) -> int:
    """Number of frames up to the last frame with any non-zero joint.

    Args:
        keypoint (np.ndarray): ``(M, T, V, C)``.
        total_frames (int, optional): Upper bound (padding after it).
    """
    T = keypoint.shape[1] if total_frames is None else int(total_frames)
    nonzero = np.flatnonzero(np.abs(keypoint[:, :T]).sum(axis=(0, 2, 3)))
    return int(nonzero[-1]) + 1 if nonzero.size else 0


def resolve_layout(results: dict, layout=None):
    """The transform's ``layout`` override or ``results['layout']``."""
    from skelbench.layouts import get_layout
    if layout is not None:
        return get_layout(layout)
    if 'layout' not in results:
        raise KeyError("the results have no 'layout' key; pass layout= to "
                       'the transform')
    return get_layout(results['layout'])


def present_mask(keypoint: np.ndarray) -> np.ndarray:
    """``(M, T, V, 1)`` bool: joints with any non-zero coordinate.

    All-zero joints mark absent actors and padded frames; transforms that
    add an offset (translation, noise, pivots) keep them at zero.
    """
    return np.any(keypoint != 0, axis=-1, keepdims=True)


def check_3d(name: str, keypoint: np.ndarray) -> None:
    """Raise a ValueError naming transform ``name`` unless ``C == 3``."""
    if keypoint.shape[-1] != 3:
        raise ValueError(f'{name} needs 3-D keypoints, got '
                         f'C={keypoint.shape[-1]}')


def check_prob(name: str, value: float) -> float:
    """Validate a probability argument (ValueError naming ``name``)."""
    value = float(value)
    if not 0 <= value <= 1:
        raise ValueError(f'{name} must be in [0, 1], got {value}')
    return value


def check_range(name: str, value, low=None) -> tuple:
    """Validate a ``(low, high)`` pair with ``low <= high``."""
    try:
        lo, hi = (float(v) for v in value)
    except (TypeError, ValueError):
        raise ValueError(f'{name} must be a (low, high) pair, got {value!r}')
    if lo > hi or (low is not None and lo < low):
        bound = '' if low is None else f' and low >= {low}'
        raise ValueError(f'{name} must satisfy low <= high{bound}, got '
                         f'{value!r}')
    return lo, hi
