import numpy as np
import pytest

from skelbench.datasets.statistics import sequence_statistics

# a 4-joint chain: root -> 1 -> 2 (left shoulder) and 1 -> 3 (right)
PARENTS = [-1, 0, 1, 1]


def chain(T, phase=0.0, noise=0.0, idle=0, facing=0.0, scale=1.0, seed=0):
    rng = np.random.default_rng(seed)
    t = np.arange(T)
    base = np.array([[0, 0, 0], [0, 1, 0], [-0.5, 1, 0], [0.5, 1, 0]],
                    float) * scale
    c, s = np.cos(facing), np.sin(facing)
    rot = np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])
    x = np.repeat((base @ rot.T)[None], T, 0)
    move = np.sin(2 * np.pi * (t / 40.0) + phase)
    move[:idle] = move[idle] if idle else 0
    x[:, 2:, 1] += 0.3 * move[:, None]
    x += noise * rng.normal(size=x.shape)
    return x[None]


def ann(kp, label, subject=None):
    return dict(keypoint=kp, label=label, subject=subject)


def test_smooth_vs_noisy_and_rigid():
    smooth = [ann(chain(60, phase=i), i % 2) for i in range(6)]
    noisy = [ann(chain(60, phase=i, noise=0.02, seed=i), i % 2)
             for i in range(6)]
    a = sequence_statistics(smooth, PARENTS, shoulder_line=(2, 3))
    b = sequence_statistics(noisy, PARENTS, shoulder_line=(2, 3))
    assert a['frames'] == 60 and a['sequences'] == 6
    assert b['accel_ratio'] > 3 * a['accel_ratio']
    assert b['high_freq_power'] > a['high_freq_power']
    assert b['bone_cv_within'] > a['bone_cv_within']
    assert a['facing_std_deg'] == pytest.approx(0, abs=1e-3)


def test_idle_facing_subjects_and_class_spread():
    seqs = [ann(chain(80, idle=40, facing=f, scale=s), lab, subject=sub)
            for f, s, lab, sub in [(0.0, 1.0, 0, 'a'), (0.5, 1.0, 1, 'a'),
                                   (-0.5, 1.2, 0, 'b'), (0.2, 1.2, 1, 'b')]]
    st = sequence_statistics(seqs, PARENTS, shoulder_line=(2, 3))
    assert st['idle_fraction'] > 0.4
    assert st['facing_std_deg'] > 10
    # bone lengths are divided by body size: equal proportions -> 0 spread
    assert st['bone_cv_subjects'] < 0.05
    assert 0 < st['class_spread'] <= 1.5


def test_errors():
    with pytest.raises(ValueError, match='too few'):
        sequence_statistics([ann(chain(5), 0)], PARENTS)
    with pytest.raises(ValueError, match='3 joints'):
        sequence_statistics([ann(chain(20)[:, :, :3], 0)] * 2, PARENTS)
    with pytest.raises(ValueError, match=r'\(M, T, V, C>=3\)'):
        sequence_statistics([ann(np.zeros((4, 3)), 0)], PARENTS)


def test_joint_motion_ratio():
    # a longer chain: root -> 1 -> 2 -> ... -> 5; one limb or the whole body
    parents = [-1, 0, 1, 2, 3, 4]
    T = 60
    rest = np.array([[0, y, 0] for y in range(6)], float)
    one_limb = np.repeat(rest[None], T, 0)
    one_limb[:, 5, 0] += 0.3 * np.sin(np.arange(T) / 5.)
    angle = 0.3 * np.sin(np.arange(T) / 5.)  # the whole body sways
    c, s = np.cos(angle), np.sin(angle)
    sway = np.stack([rest[:, 1] * -s[:, None], rest[:, 1] * c[:, None],
                     np.zeros((T, 6))], -1)
    a = sequence_statistics([ann(one_limb[None], 0)] * 2, parents)
    b = sequence_statistics([ann(sway[None], 0)] * 2, parents)
    # one of five joints moves: the median joint stands still
    assert a['joint_motion_ratio'] == pytest.approx(0., abs=1e-9)
    # a rotation about the root moves joint j by j / 5 of the tip's motion
    assert b['joint_motion_ratio'] == pytest.approx(0.6, abs=1e-6)
