import numpy as np
import pytest

from skelbench.datasets.transforms import (MotionAwareMasking,
                                           RandomTokenMasking,
                                           SpatioTemporalMasking,
                                           num_masked_tokens)

from ._helpers import (check_generic, check_streams_differ, make_results,
                       nw_ucla_samples, random_walk)

CFGS = [
    dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8),
    dict(type='RandomTokenMasking', mask_ratio=0.9),
    dict(type='SpatioTemporalMasking'),
    dict(type='SpatioTemporalMasking', joint_mode='fixed',
         zero_masked=True),
]


def check_mask_outputs(res, M, L):
    keep, masked, mask = res['ids_keep'], res['ids_masked'], res['mask']
    assert mask.shape == (M, L) and mask.dtype == bool
    assert keep.shape[0] == masked.shape[0] == M
    assert keep.shape[1] + masked.shape[1] == L
    for m in range(M):
        assert not mask[m, keep[m]].any() and mask[m, masked[m]].all()
        assert sorted(np.r_[keep[m], masked[m]]) == list(range(L))
    shuffled = np.concatenate([keep, masked], axis=1)
    np.testing.assert_array_equal(
        np.take_along_axis(shuffled, res['ids_restore'], axis=1),
        np.broadcast_to(np.arange(L), (M, L)))


@pytest.mark.parametrize('cfg', CFGS, ids=lambda c: c['type'])
def test_generic(cfg, nw_ucla_root):
    outs = check_generic(cfg, nw_ucla_samples(nw_ucla_root))
    for out in outs:
        M, T, V = out['keypoint'].shape[:3]
        seg = 1 if cfg['type'] == 'SpatioTemporalMasking' else 4
        check_mask_outputs(out, M, -(-T // seg) * V)


@pytest.mark.parametrize('cfg', CFGS, ids=lambda c: c['type'])
def test_streams_differ(cfg):
    check_streams_differ(cfg)


@pytest.mark.parametrize('T,V', [(120, 25), (64, 20), (4, 25), (1, 20)])
def test_exact_count(T, V):
    res = MotionAwareMasking(0.9, 0.8)(make_results(random_walk(T=T, V=V)))
    L = -(-T // 4) * V
    n = int(np.floor(0.9 * L + 0.5))  # round half up (MAMP: 25 -> 23)
    assert res['mask'].sum(1).tolist() == [n, n]
    if (T, V) == (120, 25):
        assert res['ids_keep'].shape == (2, 75)  # MAMP's len_keep
    assert num_masked_tokens(0.9, 750) == 675


def _moving_token_sample(M):
    """One actor per draw: all static except joint 3 moving in segment 5."""
    kp = np.ones((M, 40, 25, 3), np.float32)
    kp[:, 20:24, 3] += 1.0  # segment 5 differs from its neighbours
    return kp


def test_motion_aware_bias_bound():
    # With one masked token the draw is a categorical of softmax(m / (max
    # m * tau)): the most-moving token is exactly e^(1/tau) times as likely
    # as a static one. Each of the 4000 actors is an independent draw.
    M, V = 4000, 25
    kp = _moving_token_sample(M)
    L = 10 * V
    res = MotionAwareMasking(mask_ratio=1 / L, tau=0.8)(make_results(kp))
    first = res['ids_masked'][:, 0]
    mv = 5 * V + 3
    # motion: segment 5 vs 4 and 6 vs 5 both move: tokens 5 and 6 of
    # joint 3 have the max motion
    hot = np.isin(first, [mv, mv + V])
    p_hot = hot.mean() / 2
    p_static = (~hot).mean() / (L - 2)
    ratio = p_hot / p_static
    assert 2.4 < ratio < 5.0
    assert ratio < np.exp(1.25) * 1.45  # mild bias, not a hard selection
    # and with the real ratio 0.9 the moving tokens are masked more often
    res = MotionAwareMasking(0.9, 0.8)(make_results(kp[:500]))
    rate = res['mask'].mean(0)
    assert rate[mv] > rate[np.r_[0:mv, mv + 1:mv + V]].mean()
    # tau <= 0: uniform
    res = MotionAwareMasking(mask_ratio=1 / L, tau=0)(make_results(kp))
    hot = np.isin(res['ids_masked'][:, 0], [mv, mv + V]).mean()
    assert hot < 0.03


def test_zero_actor_uniform():
    kp = np.zeros((2000, 8, 25, 3), np.float32)
    res = MotionAwareMasking(mask_ratio=0.5)(make_results(kp))
    rate = res['mask'].mean(0)
    assert np.abs(rate - 0.5).max() < 0.06


def test_random_token_masking():
    kp = random_walk(T=40)  # 10 x 25 = 250 tokens
    res = RandomTokenMasking(0.8, segment_len=4)(make_results(kp))
    assert res['mask'].sum(1).tolist() == [200, 200]
    with pytest.raises(ValueError, match='mask_ratio'):
        RandomTokenMasking(mask_ratio=1.0)


@pytest.mark.parametrize('mode', ['random', 'fixed'])
def test_spatio_temporal_ratios(mode):
    T, V = 20, 25
    kp = random_walk(T=T, V=V)
    t = SpatioTemporalMasking(frame_ratio=0.5, joint_ratio=0.4,
                              joint_mode=mode, zero_masked=True)
    res = t(make_results(kp))
    mask = res['mask'].reshape(2, T, V)
    fm = res['frame_mask']
    assert fm.sum(1).tolist() == [10, 10]
    assert mask[fm].all()
    per_frame = mask.sum(2)[~fm]
    assert (per_frame == 10).all()  # 0.4 * 25 joints in kept frames
    if mode == 'fixed':
        for m in range(2):
            rows = mask[m][~fm[m]]
            assert (rows == rows[0]).all()
    else:
        assert len({tuple(r) for r in mask[0][~fm[0]]}) > 1
    assert not res['keypoint'][mask].any()
    assert res['keypoint'][~mask].all()
    with pytest.raises(ValueError, match='joint_mode'):
        SpatioTemporalMasking(joint_mode='tube')


@pytest.mark.parametrize('cls', [MotionAwareMasking, RandomTokenMasking])
@pytest.mark.parametrize('ratio', [0, 0., 1, 1.5, -0.1, float('nan')])
def test_token_masking_refuses_meaningless_ratio(cls, ratio):
    # 0: nothing to reconstruct (an epoch of loss 0); >= 1: nothing visible
    with pytest.raises(ValueError, match=r'mask_ratio must be in \(0, 1\)'):
        cls(mask_ratio=ratio)


def test_token_masking_refuses_sequence_with_no_masked_token():
    # 2 segments x 5 joints = 10 tokens; round(0.04 * 10) = 0 masked
    t = RandomTokenMasking(mask_ratio=0.04)
    with pytest.raises(ValueError, match='mask_ratio=0.04 masks no token of '
                                         'a sequence of L=10 tokens'):
        t(make_results(random_walk(T=8, V=5)))
    assert t(make_results(random_walk(T=40, V=5)))['mask'].sum(1).tolist() \
        == [2, 2]  # 50 tokens: 2 masked


@pytest.mark.parametrize('kw,match', [
    (dict(frame_ratio=0, joint_ratio=0), 'both 0'),
    (dict(frame_ratio=1.0), r'frame_ratio must be in \[0, 1\)'),
    (dict(joint_ratio=1.0), r'joint_ratio must be in \[0, 1\)'),
    (dict(frame_ratio=-0.5), r'frame_ratio must be in \[0, 1\)'),
])
def test_spatio_temporal_refuses_meaningless_ratios(kw, match):
    with pytest.raises(ValueError, match=match):
        SpatioTemporalMasking(**kw)


def test_spatio_temporal_keeps_one_entry_visible():
    # T = 1: round(0.5 * 1) = 1 would mask the only frame, hence every entry
    res = SpatioTemporalMasking(frame_ratio=0.5, joint_ratio=0.5)(
        make_results(random_walk(T=1, V=25)))
    assert not res['frame_mask'].any()
    assert res['mask'].sum(1).tolist() == [13, 13]  # round(0.5 * 25) joints
    # joints alone: round(0.99 * 25) = 25 is capped at 24
    res = SpatioTemporalMasking(frame_ratio=0., joint_ratio=0.99)(
        make_results(random_walk(T=4, V=25)))
    assert (~res['mask']).sum(1).tolist() == [4, 4]
    # frame ratio 0 and a joint ratio that rounds to 0 joints: refused
    with pytest.raises(ValueError, match='mask no entry of a sequence of '
                                         'T=4 frames x V=5 joints'):
        SpatioTemporalMasking(frame_ratio=0., joint_ratio=0.05)(
            make_results(random_walk(T=4, V=5)))
