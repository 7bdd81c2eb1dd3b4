"""Writers of small files in the exact raw formats of the datasets.

Used by the tests and by the conversion-speed measurement in
``docs/prepare_datasets.md``::

    python -m tests.test_datasets.test_sources.raw_writers /tmp/ntu_raw 2000
"""
import os
import os.path as osp
import sys

import numpy as np


def make_body(rng, t, center=(0.0, 0.0, 3.0), spread=(0.3, 1.6, 0.2)):
    """``(t, 25, 3)`` joints of a standing body moving a little."""
    base = rng.uniform(-0.5, 0.5, (25, 3)) * np.asarray(spread)
    drift = np.cumsum(rng.normal(0, 0.01, (t, 1, 3)), axis=0)
    return (base[None] + drift + np.asarray(center)).astype(np.float32)


def skeleton_text(frames, body_ids=None):
    """Text of a ``.skeleton`` file with CRLF line ends.

    Args:
        frames (list): One list per frame of ``(body_id, joints (25, 3))``.
    """
    out = [str(len(frames))]
    for bodies in frames:
        out.append(str(len(bodies)))
        for body_id, joints in bodies:
            out.append(f'{body_id} 0 1 1 1 1 0 0.1 -0.2 2')
            out.append('25')
            for x, y, z in joints:
                out.append(f'{x:.7f} {y:.7f} {z:.7f} 250.1 200.2 980.3 '
                           '540.4 0.1 0.2 0.3 0.4 2')
    return '\r\n'.join(out) + '\r\n'


def write_skeleton(path, frames):
    """Write a ``.skeleton`` file (CRLF) from per-frame body lists."""
    with open(path, 'w', newline='') as f:
        f.write(skeleton_text(frames))


def tracks_to_frames(tracks, num_frames):
    """Per-frame body lists from ``{body_id: (start, joints (t, 25, 3))}``
    (bodies in insertion order)."""
    frames = [[] for _ in range(num_frames)]
    for bid, (start, joints) in tracks.items():
        for i, j in enumerate(joints):
            frames[start + i].append((bid, j))
    return frames


def write_synthetic_ntu(root, num_files, seed=0, frames=(60, 120)):
    """Write ``num_files`` plausible NTU files (1-2 bodies) into ``root``.

    Returns:
        list: The sample names written.
    """
    rng = np.random.default_rng(seed)
    os.makedirs(root, exist_ok=True)
    names = []
    i = 0
    for s in range(1, 33):
        for a in range(1, 121):
            for c in (1, 2, 3):
                if i >= num_files:
                    return names
                p = 1 + (i * 7) % 106
                name = f'S{s:03d}C{c:03d}P{p:03d}R{1 + i % 2:03d}A{a:03d}'
                t = int(rng.integers(*frames))
                tracks = {f'7205759403792{i:05d}1': (0, make_body(rng, t))}
                if a >= 50:
                    tracks[f'7205759403792{i:05d}2'] = (
                        0, make_body(rng, t, center=(0.8, 0, 3)))
                write_skeleton(osp.join(root, name + '.skeleton'),
                               tracks_to_frames(tracks, t))
                names.append(name)
                i += 1
    return names


if __name__ == '__main__':
    write_synthetic_ntu(sys.argv[1], int(sys.argv[2]))
