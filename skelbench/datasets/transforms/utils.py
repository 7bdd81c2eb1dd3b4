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
