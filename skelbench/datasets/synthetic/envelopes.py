"""Envelopes: smooth weights over the action progress ``u`` in [0, 1].

The action templates (:mod:`.actions`) blend pose channels towards target
postures with these ``(T,)`` weights; :func:`hold_window` and
:func:`cycles` draw random breakpoints for them.
"""
from typing import List, Sequence, Tuple

import numpy as np


def ramp(u: np.ndarray, a: float, b: float) -> np.ndarray:
    """Smooth step: 0 for ``u <= a``, 1 for ``u >= b``."""
    x = np.clip((u - a) / max(b - a, 1e-6), 0., 1.)
    return x * x * (3. - 2. * x)


def bump(u: np.ndarray, a: float, b: float, c: float,
         d: float) -> np.ndarray:
    """0 -> 1 between ``a`` and ``b``, hold, 1 -> 0 between ``c`` and ``d``.
    """
    return ramp(u, a, b) * (1. - ramp(u, c, d))


def pulses(u: np.ndarray, centres: Sequence[float],
           width: float) -> np.ndarray:
    """Maximum of smooth bumps of half-width ``width`` at ``centres``."""
    out = np.zeros_like(u)
    for c in centres:
        out = np.maximum(out, bump(u, c - width, c, c, c + width))
    return out


def hold_window(rng: np.random.Generator) -> Tuple[float, ...]:
    """Random rise-hold-fall breakpoints ``(a, b, c, d)`` in ``[0, 1]``."""
    a = rng.uniform(0., 0.1)
    b = a + rng.uniform(0.18, 0.32)
    d = rng.uniform(0.88, 1.0)
    c = d - rng.uniform(0.18, 0.32)
    return a, b, c, d


def cycles(rng: np.random.Generator,
           most: int) -> List[Tuple[float, float]]:
    """1 to ``most`` consecutive ``(start, duration)`` windows in [0, 1]."""
    n = int(rng.integers(1, most + 1))
    total = rng.uniform(0.45, 0.8) if n == 1 else rng.uniform(0.75, 0.98)
    t0 = rng.uniform(0., 1. - total)
    return [(t0 + i * total / n, total / n) for i in range(n)]
