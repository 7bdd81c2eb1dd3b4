"""The generator's random number streams, one per kind of draw.

The random numbers of a subject, a setup (cameras), a performance and a
camera view come from ``np.random.default_rng((seed, stream, ids...))``:
a sample does not depend on how many subjects or classes are generated
alongside it, and the global NumPy random state is never used.
"""
import numpy as np

#: Stream ids (the first entropy word after the seed).
(STREAM_SUBJECT, STREAM_SETUP, STREAM_PERFORMANCE, STREAM_VIEW,
 STREAM_SECONDARY) = range(5)


def stream_rng(seed: int, stream: int, *ids: int) -> np.random.Generator:
    """The generator of ``(seed, stream, *ids)``."""
    return np.random.default_rng((seed, stream) + ids)
