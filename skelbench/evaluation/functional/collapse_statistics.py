"""Collapse diagnostics of frozen features."""
from typing import Dict

import numpy as np
import torch

__all__ = ['feature_statistics']


def feature_statistics(feats: np.ndarray) -> Dict[str, float]:
    """Collapse diagnostics of ``(N, D)`` features.

    Returns:
        dict: ``std_mean`` / ``std_min``: mean / smallest per-dimension std
        over samples of the L2-normalised features (``1/sqrt(D)`` for a
        uniform spread on the sphere, 0 when collapsed);
        ``effective_rank``: exp of the entropy of the normalised singular
        values of the centred features (1 = all samples on a line, D = all
        directions used).
    """
    x = torch.as_tensor(np.asarray(feats), dtype=torch.float64)
    unit = torch.nn.functional.normalize(x, dim=1)
    std = unit.std(0)
    s = torch.linalg.svdvals(x - x.mean(0))
    p = s / s.sum().clamp_min(1e-12)
    entropy = -(p * p.clamp_min(1e-12).log()).sum()
    return dict(std_mean=float(std.mean()), std_min=float(std.min()),
                effective_rank=float(entropy.exp()))
