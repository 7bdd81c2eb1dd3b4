import numpy as np
import pytest

from skelbench.datasets.transforms import (GenerateReconstructionTarget,
                                           nat_norm, patchify, segment_norm)
from skelbench.registry import TRANSFORMS

from ._helpers import make_results, nw_ucla_samples, random_walk

ABLATION = [dict(type='GenerateReconstructionTarget', source='joint',
                 norm='segment'),
            dict(type='GenerateReconstructionTarget', source='joint',
                 norm='nat'),
            dict(type='GenerateReconstructionTarget', source='motion',
                 norm='segment'),
            dict(type='GenerateReconstructionTarget', source='joint',
                 norm='none')]


@pytest.mark.parametrize('cfg', ABLATION, ids=lambda c: c['norm'])
def test_generic(cfg, nw_ucla_root):
    # the common checks on clips whose length segment_len divides (the
    # real NW-UCLA sequences cut to a multiple of 4 frames)
    samples = [dict(a, keypoint=a['keypoint'][
        :, :(a['keypoint'].shape[1] // 4) * 4])
        for a in nw_ucla_samples(nw_ucla_root)]
    outs = check_generic_divisible(cfg, samples)
    assert outs[0]['target'].shape == (2, 10, 25, 12)
    assert outs[1]['target'].shape == (2, 1, 25, 12)  # T = 4: one token
    assert all(np.isfinite(o['target']).all() for o in outs)
    assert not outs[0]['target'][1].any()  # zero actor -> zero target


def check_generic_divisible(cfg, nw_ucla):
    """:func:`check_generic`'s properties on T = 40, T = 4 (one segment),
    a 20-joint sample and real NW-UCLA clips."""
    t = TRANSFORMS.build(cfg)
    assert type(t).__name__ in repr(t)
    cases = [make_results(random_walk(T=40, zero_actor=True)),
             make_results(random_walk(T=4)),
             make_results(random_walk(M=1, T=40, V=20), layout='nw-ucla')]
    cases += [make_results(a['keypoint'], layout='nw-ucla')
              for a in nw_ucla]
    outs = []
    for res in cases:
        first = t(dict(res, rng=np.random.default_rng(0)))
        again = t(dict(res, rng=np.random.default_rng(0)))
        np.testing.assert_array_equal(first['target'], again['target'])
        assert first['target'].shape[:3] == (
            res['keypoint'].shape[0], res['keypoint'].shape[1] // 4,
            res['keypoint'].shape[2])
        outs.append(first)
    return outs


@pytest.mark.parametrize('T', [1, 6, 41])
def test_refuses_segment_len_not_dividing_the_clip(T):
    # a padded last segment is a target that no encoder token predicts
    t = GenerateReconstructionTarget(source='joint', norm='nat',
                                     segment_len=4)
    with pytest.raises(ValueError, match=f'segment_len=4 does not divide '
                                         f'the clip length T={T}'):
        t(make_results(random_walk(T=T)))


def test_patchify_order():
    kp = random_walk(T=8, V=5)
    p = patchify(kp, 4)
    assert p.shape == (2, 2, 5, 12)
    m, t, v, u, c = 1, 1, 3, 2, 1
    assert p[m, t, v, u * 3 + c] == kp[m, t * 4 + u, v, c]


def test_nat_unit_stats_and_differs_from_segment(nw_ucla_root):
    a = nw_ucla_samples(nw_ucla_root, 1)[0]
    kp = a['keypoint'][:, :(a['keypoint'].shape[1] // 4) * 4]
    res = GenerateReconstructionTarget(source='joint', norm='nat')(
        make_results(kp, 'nw-ucla'))
    nat = res['target'].reshape(1, -1, 20, 4, 3)  # (.., l, C)
    raw = patchify(kp, 4).reshape(nat.shape)
    ok = raw.var(-2, ddof=1) > 1e-3  # the 1e-6 eps is negligible there
    assert ok.mean() > 0.2
    np.testing.assert_allclose(nat.mean(-2)[ok], 0, atol=1e-4)
    np.testing.assert_allclose(nat.std(-2, ddof=1)[ok], 1, atol=1e-2)
    seg = GenerateReconstructionTarget(source='joint', norm='segment')(
        make_results(kp, 'nw-ucla'))['target']
    assert np.abs(seg - res['target']).mean() > 0.1
    # eq. 4: zero mean and unit (unbiased) std over the l*C values
    np.testing.assert_allclose(seg.mean(-1), 0, atol=1e-4)
    np.testing.assert_allclose(seg.std(-1, ddof=1), 1, atol=1e-2)


def test_segment_norm_matches_mamp():
    rng = np.random.default_rng(0)
    p = rng.normal(size=(3, 12))
    ref = (p - p.mean(-1, keepdims=True)) / np.sqrt(
        p.var(-1, ddof=1, keepdims=True) + 1e-6)
    np.testing.assert_allclose(segment_norm(p), ref)
    x = rng.normal(size=(2, 12))
    n = nat_norm(x, 3).reshape(2, 4, 3)
    np.testing.assert_allclose(n.mean(1), 0, atol=1e-12)


def test_motion_target():
    kp = random_walk(T=8)
    tgt = GenerateReconstructionTarget(source='motion', norm='none')(
        make_results(kp))['target']
    motion = np.zeros_like(kp)
    motion[:, :-1] = kp[:, 1:] - kp[:, :-1]
    np.testing.assert_allclose(tgt, patchify(motion, 4), atol=1e-6)
    with pytest.raises(ValueError, match='norm'):
        GenerateReconstructionTarget(norm='layer')
    with pytest.raises(ValueError, match='source'):
        GenerateReconstructionTarget(source='bone')
