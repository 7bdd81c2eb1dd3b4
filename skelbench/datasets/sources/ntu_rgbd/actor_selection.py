"""Rules that pick (up to) two actors among the bodies of a file.

* ``'denoise'``: the SGN preprocessing (``get_raw_skes_data.py`` +
  ``get_raw_denoised_data.py``), used by SGN, MAMP, S-JEPA, CTR-GCN's
  ``.npz`` files and pyskl's ``ntu*_3danno.pkl``: bodies are tracked by
  ``bodyID``; bodies seen in at most 11 frames are dropped; a body whose
  frames have ``x-spread > 0.8 * y-spread`` in at least 69.754 % of its
  frames is dropped (never the last one); the rest are ranked by motion
  (sum of the per-axis variance) and merged into two actor slots when
  their frame intervals do not overlap; frames where both slots are empty
  are removed.
* ``'energy'``: the 2s-AGCN ``ntu_gendata.py`` rule (also mmaction2's
  ``gen_ntu_rgbd_raw.py``, Skeleton-Contrast/ISC, AimCLR): bodies are
  slotted by their order in each frame (at most 4), and the two slots with
  the largest "energy" (sum over x, y, z of the std over non-empty frames)
  are kept; every frame of the file is kept.

Both take the output of
:func:`~skelbench.datasets.sources.ntu_rgbd.skeleton_file.parse_skeleton_text`.
"""
from typing import Dict

import numpy as np

from .skeleton_file import NUM_JOINTS, SkeletonFileError

# SGN / pyskl denoising thresholds.
NOISE_LEN_THRES = 11
NOISE_SPR_THRES1 = 0.8
NOISE_SPR_THRES2 = 0.69754
MAX_BODY_KINECT = 4


def select_actors_energy(raw: dict, path: str = '<skeleton>'
                         ) -> np.ndarray:
    """2s-AGCN / ISC rule: the two body slots with the largest energy.

    Returns:
        np.ndarray: float32 ``(2, T, 25, 3)``, ``T`` = the header's frame
        count (frames without bodies stay zero).
    """
    T = raw['num_frames']
    if T == 0 or not raw['records']:
        raise SkeletonFileError(path, None, 'no skeleton in any frame')
    data = np.zeros((MAX_BODY_KINECT, T, NUM_JOINTS, 3), np.float32)
    for k, (f, b, _) in enumerate(raw['records']):
        if b < MAX_BODY_KINECT:
            data[b, f] = raw['xyz'][k]
    energy = []
    for body in data:
        s = body[body.sum(-1).sum(-1) != 0]
        energy.append(sum(s[:, :, c].std() for c in range(3))
                      if len(s) else 0.0)
    order = np.argsort(np.asarray(energy), kind='stable')[::-1][:2]
    return data[order]


def select_actors_denoise(raw: dict, path: str = '<skeleton>'
                          ) -> np.ndarray:
    """SGN / MAMP rule (see the module docstring).

    Returns:
        np.ndarray: float32 ``(2, T, 25, 3)``: actor 1 (largest motion)
        and actor 2 (zeros if absent); ``T`` = frames where any actor is
        present.
    """
    if not raw['records']:
        raise SkeletonFileError(path, None, 'no skeleton in any frame')
    # Frames with bodies, renumbered without the empty ones (as SGN).
    frames = sorted({f for f, _, _ in raw['records']})
    fidx = {f: i for i, f in enumerate(frames)}
    T = len(frames)
    bodies: Dict[str, dict] = {}
    for k, (f, _, bid) in enumerate(raw['records']):
        body = bodies.setdefault(bid, dict(rows=[], frames=[]))
        if body['frames'] and body['frames'][-1] == fidx[f]:
            continue  # a duplicated bodyID within one frame: keep first
        body['rows'].append(k)
        body['frames'].append(fidx[f])
    for body in bodies.values():
        body['joints'] = raw['xyz'][body['rows']]  # (n, 25, 3)
        body['motion'] = float(np.sum(np.var(
            body['joints'].reshape(-1, 3).astype(np.float64), axis=0)))
    ids = list(bodies)
    # (a) length
    if len(ids) > 1:
        kept = [i for i in ids
                if len(bodies[i]['frames']) > NOISE_LEN_THRES]
        if not kept:  # every body is short: keep the longest one
            kept = [max(ids, key=lambda i: len(bodies[i]['frames']))]
        ids = kept
    # (b) spread
    if len(ids) > 1:
        for i in list(ids):
            if len(ids) == 1:
                break
            j = bodies[i]['joints']
            xs = j[:, :, 0].max(1) - j[:, :, 0].min(1)
            ys = j[:, :, 1].max(1) - j[:, :, 1].min(1)
            valid = xs <= NOISE_SPR_THRES1 * ys
            noise = len(valid) - int(valid.sum())
            if noise == 0:
                continue
            if noise / len(valid) >= NOISE_SPR_THRES2:
                ids.remove(i)
            else:
                var = np.sum(np.var(j[valid].reshape(-1, 3).astype(
                    np.float64), axis=0)) if valid.any() else np.inf
                bodies[i]['motion'] = min(bodies[i]['motion'], float(var))
    # (c) rank by motion and merge into two slots
    ids = sorted(ids, key=lambda i: bodies[i]['motion'], reverse=True)
    out = np.zeros((2, T, NUM_JOINTS, 3), np.float32)
    first = bodies[ids[0]]
    out[0, first['frames']] = first['joints']
    s1, e1 = first['frames'][0], first['frames'][-1]
    s2, e2 = 0, 0
    for i in ids[1:]:
        body = bodies[i]
        s, e = body['frames'][0], body['frames'][-1]
        if min(e1, e) - max(s1, s) <= 0:
            out[0, body['frames']] = body['joints']
            s1, e1 = min(s, s1), max(e, e1)
        elif min(e2, e) - max(s2, s) <= 0:
            out[1, body['frames']] = body['joints']
            s2, e2 = min(s, s2), max(e, e2)
    valid = np.abs(out).sum(axis=(0, 2, 3)) != 0
    return out[:, valid]


SELECTORS = dict(denoise=select_actors_denoise, energy=select_actors_energy)
