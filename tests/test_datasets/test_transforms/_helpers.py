"""Shared helpers of the transform tests (small random skeletons)."""
import glob
import os.path as osp

import numpy as np

from skelbench.datasets.geometry import rodrigues_matrix
from skelbench.datasets.sources.nw_ucla import read_nw_ucla_file
from skelbench.layouts import get_layout
from skelbench.registry import TRANSFORMS


def random_walk(M=2, T=40, V=25, C=3, seed=0, zero_actor=False):
    """Smooth random-walk skeletons ``(M, T, V, C)`` float32."""
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(M, 1, V, C))
    steps = 0.05 * rng.normal(size=(M, T, V, C)).cumsum(axis=1)
    kp = (base + steps).astype(np.float32)
    if zero_actor and M > 1:
        kp[-1] = 0
    return kp


def make_results(kp, layout='nturgb+d', seed=0, sample_idx=0, **extra):
    results = dict(keypoint=kp.copy(), total_frames=kp.shape[1],
                   layout=layout, label=0, sample_idx=sample_idx,
                   rng=np.random.default_rng([seed, 0, sample_idx]))
    results.update(extra)
    return results


def nw_ucla_samples(root, num=2):
    """The first ``num`` real NW-UCLA sequences (20 joints)."""
    files = sorted(glob.glob(osp.join(root, 'all_sqe', '*.json')))[:num]
    return [read_nw_ucla_file(f) for f in files]


def _outputs(res):
    return {k: v for k, v in res.items() if k != 'rng'}


def _equal(a, b):
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, np.ndarray):
        return a.shape == b.shape and np.array_equal(a, b)
    return a == b


def check_generic(cfg, nw_ucla=None, C=3, T=40):
    """Common properties of a transform config.

    Builds it, runs it on a 2-actor 25-joint sample with a zero actor, on
    T = 1, on a 20-joint NW-UCLA sample (if given), checks that the output
    is finite, that the same seed gives the same output, that another
    sample index gives another stream, and that ``repr`` works.
    """
    t = TRANSFORMS.build(cfg)
    assert type(t).__name__ in repr(t)
    cases = [make_results(random_walk(T=T, C=C, zero_actor=True)),
             make_results(random_walk(T=1, C=C)),
             make_results(random_walk(M=1, T=T, V=20, C=C),
                          layout='nw-ucla')]
    if nw_ucla is not None:
        for a in nw_ucla:
            cases.append(make_results(a['keypoint'], layout='nw-ucla'))
    outs = []
    for res in cases:
        M = res['keypoint'].shape[0]
        zero = [m for m in range(M) if not res['keypoint'][m].any()]
        out = t(res)
        assert out is not None
        kps = out['keypoint']
        kps = kps if isinstance(kps, list) else [kps]
        for kp in kps:
            assert np.isfinite(kp).all()
            assert kp.shape[0] == M
            for m in zero:  # absent actors stay absent
                assert not kp[m].any()
        outs.append(out)
    a = t(make_results(random_walk(C=C, T=T), seed=3))
    b = t(make_results(random_walk(C=C, T=T), seed=3))
    for k in _outputs(a):
        assert _equal(a[k], b[k]), k
    return outs


def check_streams_differ(cfg, C=3, T=40, tries=5):
    """Different sample indices (workers) draw different streams."""
    t = TRANSFORMS.build(cfg)
    outs = [t(make_results(random_walk(C=C, T=T), seed=0, sample_idx=i))
            for i in range(tries)]
    assert any(not _equal(_outputs(outs[0]), _outputs(o)) for o in outs[1:])


def bone_lengths(kp, layout):
    lay = get_layout(layout)
    return np.linalg.norm(kp - kp[:, :, lay.parent_index], axis=-1)


def facing_body(lay, V, azimuth):
    """One actor, 4 frames: pelvis at the origin, shoulders 0.2 up, right
    shoulder at +x / left at -x (facing the Kinect), then turned by
    ``azimuth`` about +y; the other joints on a circle (asymmetric)."""
    kp = np.zeros((1, 4, V, 3))
    ang = np.linspace(0, 2 * np.pi, V, endpoint=False)
    kp[0, :, :, 0] = 0.3 * np.cos(ang)
    kp[0, :, :, 1] = 0.1 + 0.05 * np.arange(V) / V
    kp[0, :, :, 2] = 0.2 * np.sin(2 * ang)
    bottom = lay.vertical_axis[0]
    right, left = lay.shoulder_line
    kp[0, :, bottom] = 0
    kp[0, :, right] = [0.15, 0.5, 0.]
    kp[0, :, left] = [-0.15, 0.5, 0.]
    return kp @ rodrigues_matrix(np.array([0., 1., 0.]), azimuth).T
