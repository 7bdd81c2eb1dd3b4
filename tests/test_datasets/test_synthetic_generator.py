"""Tests of the procedural synthetic skeleton action generator."""
import os
import os.path as osp
import pickle
import re
import subprocess
import sys
from collections import defaultdict

import numpy as np
import pytest

from skelbench.datasets.synthetic import (CAMERA_AZIMUTHS, SYNTHETIC_CLASSES,
                                          TWO_PERSON_CLASSES,
                                          generate_synthetic_dataset,
                                          xsub_train_subjects)
from skelbench.layouts import get_layout

from ..conftest import load_tool

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
SMALL = dict(num_subjects=4, repeats=2, seed=3)
FRAME_DIR = re.compile(r'^S(\d{3})C(\d{3})P(\d{3})R(\d{3})A(\d{3})$')


@pytest.fixture(scope='module')
def data():
    """Small dataset with the default noise and dropped joints."""
    return generate_synthetic_dataset(**SMALL)


@pytest.fixture(scope='module')
def clean():
    """The same performances without noise and dropped joints."""
    return generate_synthetic_dataset(noise_std=0., drop_joint_prob=0.,
                                      **SMALL)


@pytest.fixture(scope='module')
def bones():
    layout = get_layout('nturgb+d')
    assert layout.num_joints == 25
    child, parent = np.array(layout.bone_pairs).T
    return child, parent


def bone_lengths(kp, bones):
    """``(M, T, V - 1)`` bone lengths of a keypoint array."""
    child, parent = bones
    return np.linalg.norm(kp[..., child, :] - kp[..., parent, :], axis=-1)


def by_performance(data):
    groups = defaultdict(list)
    for a in data['annotations']:
        groups[a['performance']].append(a)
    return groups


def test_classes():
    assert len(SYNTHETIC_CLASSES) >= 12
    assert len(set(SYNTHETIC_CLASSES)) == len(SYNTHETIC_CLASSES)
    assert len(TWO_PERSON_CLASSES) >= 2
    assert set(TWO_PERSON_CLASSES) <= set(SYNTHETIC_CLASSES)
    assert sorted(CAMERA_AZIMUTHS) == [1, 2, 3]


def test_default_size():
    data = generate_synthetic_dataset()
    anns = data['annotations']
    assert len(anns) == 16 * 2 * len(SYNTHETIC_CLASSES) * 3
    assert 1300 <= len(anns) <= 1700
    assert all(40 <= a['total_frames'] <= 100 for a in anns)


def test_format(data):
    anns = data['annotations']
    assert set(data) == {'split', 'annotations'}
    assert len(anns) == 4 * 2 * len(SYNTHETIC_CLASSES) * 3
    frame_dirs = [a['frame_dir'] for a in anns]
    assert len(set(frame_dirs)) == len(frame_dirs)
    for a in anns:
        kp = a['keypoint']
        assert isinstance(kp, np.ndarray) and kp.dtype == np.float32
        M = 2 if SYNTHETIC_CLASSES[a['label']] in TWO_PERSON_CLASSES else 1
        assert kp.shape == (M, a['total_frames'], 25, 3)
        assert np.isfinite(kp).all()
        assert 40 <= a['total_frames'] <= 100
        assert isinstance(a['label'], int)
        assert 0 <= a['label'] < len(SYNTHETIC_CLASSES)
        setup, cam, subject, rep, action = map(
            int, FRAME_DIR.match(a['frame_dir']).groups())
        assert (setup, cam, subject, rep, action) == (
            a['setup'], a['camera'], a['subject'], a['replication'],
            a['label'] + 1)
        assert a['camera'] in (1, 2, 3)
        assert a['performance'] == a['frame_dir'].replace(
            f"C{a['camera']:03d}", '')
        # people stand 2-5 m in front of the camera
        body = kp[0][kp[0].any(-1)]
        assert 1.5 < np.median(body[:, 2]) < 5.


def test_labels_balanced(data):
    labels = np.array([a['label'] for a in data['annotations']])
    counts = np.bincount(labels, minlength=len(SYNTHETIC_CLASSES))
    assert (counts == 4 * 2 * 3).all()


def test_determinism(data):
    again = generate_synthetic_dataset(**SMALL)
    assert again['split'] == data['split']
    for a, b in zip(data['annotations'], again['annotations']):
        assert a.keys() == b.keys()
        for key in a:
            if key == 'keypoint':
                assert np.array_equal(a[key], b[key])
            else:
                assert a[key] == b[key]
    other = generate_synthetic_dataset(**dict(SMALL, seed=4))
    assert not any(
        a['keypoint'].shape == b['keypoint'].shape
        and np.allclose(a['keypoint'], b['keypoint'])
        for a, b in zip(data['annotations'], other['annotations']))


def test_no_global_rng(data):
    np.random.seed(0)
    state = np.random.get_state()[1].copy()
    generate_synthetic_dataset(num_subjects=2, repeats=1, classes=[0, 12])
    assert np.array_equal(np.random.get_state()[1], state)


def test_xsub_split(data):
    anns = {a['frame_dir']: a for a in data['annotations']}
    train, val = data['split']['xsub_train'], data['split']['xsub_val']
    assert not set(train) & set(val)
    assert sorted(train + val) == sorted(anns)
    train_subjects = {anns[f]['subject'] for f in train}
    val_subjects = {anns[f]['subject'] for f in val}
    assert not train_subjects & val_subjects
    assert train_subjects == set(xsub_train_subjects(4)) == {1, 4}
    assert val_subjects == {2, 3}
    assert len(xsub_train_subjects(16)) == 8
    for n in range(2, 20):
        assert 0 < len(xsub_train_subjects(n)) < n


def test_xview_split(data):
    anns = {a['frame_dir']: a for a in data['annotations']}
    train, val = data['split']['xview_train'], data['split']['xview_val']
    assert not set(train) & set(val)
    assert sorted(train + val) == sorted(anns)
    assert {anns[f]['camera'] for f in val} == {1}
    assert {anns[f]['camera'] for f in train} == {2, 3}


def test_views_share_performance(data):
    groups = by_performance(data)
    assert len(groups) == len(data['annotations']) // 3
    for views in groups.values():
        assert sorted(a['camera'] for a in views) == [1, 2, 3]
        for key in ('label', 'subject', 'setup', 'replication',
                    'total_frames'):
            assert len({a[key] for a in views}) == 1
        assert len({a['keypoint'].shape for a in views}) == 1


def rigid_residual(src, dst):
    """RMS residual of the best rigid motion ``src -> dst`` (Kabsch) and
    the determinant of its rotation."""
    src, dst = src.reshape(-1, 3), dst.reshape(-1, 3)
    src, dst = src - src.mean(0), dst - dst.mean(0)
    u, _, vt = np.linalg.svd(src.T @ dst)
    det = np.sign(np.linalg.det(u @ vt))
    rot = u @ np.diag([1., 1., det]) @ vt
    return np.sqrt(((src @ rot - dst) ** 2).sum(1).mean()), det


def test_views_are_one_rigid_motion(clean):
    """The 3 views are the same 3D motion seen from 3 fixed cameras."""
    for views in by_performance(clean).values():
        ref = views[0]['keypoint'].astype(np.float64)
        for other in views[1:]:
            kp = other['keypoint'].astype(np.float64)
            residual, det = rigid_residual(ref, kp)
            assert residual < 1e-4
            assert det > 0  # a rotation, no mirror: cameras are right-handed
            assert not np.allclose(ref, kp, atol=0.05)  # different frames


def test_views_bone_lengths_with_noise(data, bones):
    for views in by_performance(data).values():
        lengths = [bone_lengths(a['keypoint'], bones) for a in views]
        valid = np.all([
            a['keypoint'][..., bones[0], :].any(-1)
            & a['keypoint'][..., bones[1], :].any(-1) for a in views], 0)
        diff = np.abs(lengths[1] - lengths[0])[valid]
        assert np.median(diff) < 0.02
        diff = np.abs(lengths[2] - lengths[0])[valid]
        assert np.median(diff) < 0.02


def test_rigid_bones(clean, data, bones):
    for a in clean['annotations']:
        lengths = bone_lengths(a['keypoint'], bones)
        assert lengths.std(axis=1).max() < 1e-4
        assert 0.02 < lengths.min() and lengths.max() < 0.55
    # with 1 cm noise the bones only jitter
    for a in data['annotations'][::7]:
        kp = a['keypoint']
        lengths = bone_lengths(kp, bones)
        ok = kp[..., bones[0], :].any(-1) & kp[..., bones[1], :].any(-1)
        spread = [np.std(lengths[m, ok[m, :, b], b])
                  for m in range(len(kp)) for b in range(lengths.shape[-1])]
        assert np.median(spread) < 0.02


def test_body_size_varies(clean, bones):
    spine = {a['subject']: bone_lengths(a['keypoint'], bones)[0, 0].mean()
             for a in clean['annotations']}
    assert len({round(float(v), 4) for v in spine.values()}) == 4


def test_dropped_joints(data, clean):
    zero = [~a['keypoint'].any(-1) for a in data['annotations']]
    assert any(z.any() for z in zero)  # some joints are dropped
    assert np.mean([z.mean() for z in zero]) < 0.01  # but few
    assert not any((~a['keypoint'].any(-1)).any()
                   for a in clean['annotations'])
    always = generate_synthetic_dataset(num_subjects=2, repeats=1,
                                        classes=['bow'], drop_joint_prob=1.)
    for a in always['annotations']:
        dropped = ~a['keypoint'].any(-1)  # (M, T, V)
        assert dropped.any(1).all()  # every joint drops once
        assert dropped.sum(1).max() <= 8  # for 1 to 8 frames


def test_two_person(data):
    for a in data['annotations']:
        two = SYNTHETIC_CLASSES[a['label']] in TWO_PERSON_CLASSES
        assert a['keypoint'].shape[0] == (2 if two else 1)
        if two:  # two different people, about a metre apart
            kp = a['keypoint']
            gap = np.linalg.norm(kp[0, :, 1] - kp[1, :, 1], axis=-1)
            assert 0.3 < np.median(gap) < 2.5


def trunk_height(kp, joint):
    """Height of ``joint`` above the spine shoulder along the trunk axis."""
    up = kp[:, 20] - kp[:, 0]
    up /= np.linalg.norm(up, axis=-1, keepdims=True)
    return ((kp[:, joint] - kp[:, 20]) * up).sum(-1)


def test_semantics(clean):
    """A few actions do what their names say."""
    anns = clean['annotations']
    for a in anns:
        name = SYNTHETIC_CLASSES[a['label']]
        kp = a['keypoint'][0].astype(np.float64)
        left, right = trunk_height(kp, 7).max(), trunk_height(kp, 11).max()
        if name == 'raise_left_arm':
            assert left > 0.15 and left > right + 0.25
        elif name == 'raise_right_arm':
            assert right > 0.15 and right > left + 0.25
        elif name == 'both_arms_up':
            assert min(left, right) > 0.15
        elif name == 'kick_right_leg':  # right ankle above left
            assert (trunk_height(kp, 18)
                    - trunk_height(kp, 14)).max() > 0.06
        elif name in ('squat', 'sit_down'):
            drop = kp[0, 3] - kp[:, 3]  # head goes down
            assert np.linalg.norm(drop, axis=-1).max() > 0.2
        elif name == 'turn_around':
            sh = kp[:, 8] - kp[:, 4]  # left -> right shoulder
            cos = (sh[0] * sh[-1]).sum() / np.linalg.norm(sh[0]) \
                / np.linalg.norm(sh[-1])
            assert cos < -0.5  # facing the other way at the end


def test_frontal_view_handedness(clean):
    """Camera frame like NTU: a subject facing the camera has the right
    shoulder at larger x than the left one."""
    for a in clean['annotations']:
        name = SYNTHETIC_CLASSES[a['label']]
        facing = 2 if a['replication'] % 2 else 3
        if a['camera'] == facing and name not in TWO_PERSON_CLASSES \
                and name != 'turn_around':
            kp = a['keypoint'][0]
            assert kp[0, 8, 0] > kp[0, 4, 0]


def test_classes_subset(data):
    sub = generate_synthetic_dataset(classes=['push', 8], **SMALL)
    anns = sub['annotations']
    assert len(anns) == 4 * 2 * 2 * 3
    assert {a['label'] for a in anns} == {0, 1}
    full = {a['performance'][:-4] + str(a['camera']): a
            for a in data['annotations']
            if SYNTHETIC_CLASSES[a['label']] == 'clap'}
    for a in anns:
        assert a['frame_dir'].endswith(f"A{a['label'] + 1:03d}")
        assert a['keypoint'].shape[0] == (2 if a['label'] == 0 else 1)
        if a['label'] == 1:  # same clap performances as in the full set
            ref = full[a['performance'][:-4] + str(a['camera'])]
            assert np.array_equal(a['keypoint'], ref['keypoint'])


def test_one_camera():
    data = generate_synthetic_dataset(num_subjects=2, repeats=1,
                                      num_cameras=1, classes=['bow'])
    assert [a['camera'] for a in data['annotations']] == [1, 1]
    assert data['split']['xview_train'] == []


def test_frame_range():
    data = generate_synthetic_dataset(num_subjects=2, repeats=1,
                                      min_frames=20, max_frames=20)
    assert {a['total_frames'] for a in data['annotations']} == {20}


@pytest.mark.parametrize('kwargs, name', [
    (dict(num_subjects=1), 'num_subjects'),
    (dict(num_subjects=2.0), 'num_subjects'),
    (dict(repeats=0), 'repeats'),
    (dict(seed=-1), 'seed'),
    (dict(seed=None), 'seed'),
    (dict(num_cameras=4), 'num_cameras'),
    (dict(num_cameras=0), 'num_cameras'),
    (dict(min_frames=5), 'min_frames'),
    (dict(min_frames=50, max_frames=40), 'max_frames'),
    (dict(noise_std=-0.1), 'noise_std'),
    (dict(noise_std='1'), 'noise_std'),
    (dict(drop_joint_prob=1.5), 'drop_joint_prob'),
    (dict(tracking_noise_std=-0.01), 'tracking_noise_std'),
    (dict(tracking_noise_frames=0.1), 'tracking_noise_frames'),
    (dict(min_action_share=1.0), 'min_action_share'),
    (dict(secondary_motion=-0.5), 'secondary_motion'),
    (dict(secondary_motion=6.), 'secondary_motion'),
    (dict(classes=[]), 'classes'),
    (dict(classes='clap'), 'classes'),
    (dict(classes=['clap', 'dance']), 'classes'),
    (dict(classes=[99]), 'classes'),
    (dict(classes=['clap', 8]), 'classes'),
])
def test_invalid_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        generate_synthetic_dataset(**kwargs)


def test_tracking_noise_is_correlated_in_time():
    from skelbench.datasets.synthetic.scene import tracking_noise
    rng = np.random.default_rng(0)
    noise = tracking_noise((2, 400, 25, 3), rng, 0.02, 3.)
    assert noise.shape == (2, 400, 25, 3)
    assert abs(noise.std() - 0.02) < 0.002
    lag1 = np.corrcoef(noise[:, 1:].ravel(), noise[:, :-1].ravel())[0, 1]
    # a Gaussian kernel of sigma s: correlation exp(-1 / (4 s^2)) at lag 1
    assert abs(lag1 - np.exp(-1. / 36.)) < 0.02
    # frame-to-frame steps are far smaller than with white noise
    assert np.abs(np.diff(noise, axis=1)).std() < 0.3 * 0.02 * np.sqrt(2)


def test_tracking_noise_and_action_share_in_the_data():
    kw = dict(num_subjects=2, repeats=1, classes=['bow'], noise_std=0.,
              drop_joint_prob=0.)
    clean = generate_synthetic_dataset(**kw)
    noisy = generate_synthetic_dataset(tracking_noise_std=0.02, **kw)
    for a, b in zip(clean['annotations'], noisy['annotations']):
        diff = b['keypoint'] - a['keypoint']
        assert 0.01 < diff.std() < 0.03
        assert np.abs(np.diff(diff, axis=1)).mean() < 0.3 * np.abs(
            diff).mean()
    # with the action filling most of the sequence there is less idle time
    def idle(d):
        out = []
        for a in d['annotations']:
            v = np.linalg.norm(np.diff(a['keypoint'][0], axis=0), axis=-1)
            out.append((v.mean(1) < 1e-3).mean())
        return np.mean(out)
    busy = generate_synthetic_dataset(min_action_share=0.9, **kw)
    assert idle(busy) < idle(clean)


def test_secondary_motion_moves_the_rest_of_the_body(bones):
    from skelbench.datasets.statistics import sequence_statistics
    kw = dict(num_subjects=4, repeats=1, seed=1, noise_std=0.,
              drop_joint_prob=0.,
              classes=['raise_right_arm', 'kick_right_leg', 'handshake'])
    still = generate_synthetic_dataset(**kw)
    moved = generate_synthetic_dataset(secondary_motion=2., **kw)
    again = generate_synthetic_dataset(secondary_motion=2., **kw)
    left_arm = [4, 5, 6, 7]
    gains = []
    for a, b, c in zip(still['annotations'], moved['annotations'],
                       again['annotations']):
        # its own random stream: the same performances, timing and frames
        assert a['frame_dir'] == b['frame_dir']
        assert a['keypoint'].shape == b['keypoint'].shape
        np.testing.assert_array_equal(b['keypoint'], c['keypoint'])
        # still a rigid body
        assert bone_lengths(b['keypoint'], bones).std(axis=1).max() < 1e-4
        if a['label'] == 0:  # raise the right arm: the left one now moves

            def spread(kp):
                rel = kp[0][:, left_arm] - kp[0][:, :1]  # T, 4, 3
                return np.linalg.norm(rel - rel.mean(0, keepdims=True),
                                      axis=-1).mean()
            gains.append(spread(b['keypoint']) / spread(a['keypoint']))
    assert min(gains) > 1.5
    parents = get_layout('nturgb+d').parents
    ratio = [sequence_statistics(d['annotations'], parents)[
        'joint_motion_ratio'] for d in (still, moved)]
    assert ratio[1] > ratio[0] + 0.05


def test_secondary_motion_function():
    from skelbench.datasets.synthetic.kinematics import CHANNEL_INDEX
    from skelbench.datasets.synthetic.performance import (CHANNELS,
                                                          secondary_motion)
    rng = np.random.default_rng(0)
    none = secondary_motion(np.zeros((40, len(CHANNELS))), rng, 1.)
    assert not none.any()
    delta = np.zeros((60, len(CHANNELS)))
    delta[20:40, CHANNEL_INDEX['r_sh_elev']] = 90.
    out = secondary_motion(delta, rng, 1.)
    assert out.shape == delta.shape
    # the knees and elbows only flex further; nothing far before the action
    for name in ('l_knee', 'r_knee', 'l_elbow', 'r_elbow'):
        assert out[:, CHANNEL_INDEX[name]].min() >= 0.
    assert np.abs(out[:5]).max() < 0.02 * np.abs(out).max()
    assert np.abs(out[25:35]).max() > 1.
    assert not out[:, CHANNEL_INDEX['yaw']].any()
    twice = secondary_motion(delta, np.random.default_rng(0), 2.)
    np.testing.assert_allclose(
        twice, 2. * secondary_motion(delta, np.random.default_rng(0), 1.))


def run_cli(*args):
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join(
        [REPO] + [p for p in [env.get('PYTHONPATH')] if p])
    return subprocess.run(
        [sys.executable, osp.join(REPO, 'tools/data/synthetic/generate.py'),
         *args], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=120)


def test_cli(tmp_path):
    out = tmp_path / 'sub' / 'synthetic.pkl'
    result = run_cli('--out', str(out), '--num-subjects', '2', '--repeats',
                     '1', '--seed', '5', '--classes', '8', 'handshake')
    assert result.returncode == 0, result.stderr
    assert 'wrote' in result.stdout
    assert os.listdir(out.parent) == ['synthetic.pkl']  # no temp file left
    with open(out, 'rb') as f:
        loaded = pickle.load(f)
    ref = generate_synthetic_dataset(num_subjects=2, repeats=1, seed=5,
                                     classes=['clap', 'handshake'])
    assert loaded['split'] == ref['split']
    assert len(loaded['annotations']) == 2 * 1 * 2 * 3
    for a, b in zip(loaded['annotations'], ref['annotations']):
        assert a['frame_dir'] == b['frame_dir']
        assert np.array_equal(a['keypoint'], b['keypoint'])


def test_cli_invalid_argument(tmp_path):
    module = load_tool('data/synthetic/generate.py')
    out = tmp_path / 'bad.pkl'
    with pytest.raises(SystemExit, match='num_subjects'):
        module.main(['--out', str(out), '--num-subjects', '1'])
    assert not out.exists()
