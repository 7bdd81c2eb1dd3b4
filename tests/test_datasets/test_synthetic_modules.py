"""The modules of the synthetic generator: body model, envelopes, actions,
random streams, scene; and pinned values of a generated dataset."""
import numpy as np
import pytest

from skelbench.datasets.synthetic import (SYNTHETIC_CLASSES,
                                          generate_synthetic_dataset)
from skelbench.datasets.synthetic.actions import ACTIONS, FREE_LEG_CLASSES
from skelbench.datasets.synthetic.envelopes import (bump, cycles,
                                                    hold_window, pulses,
                                                    ramp)
from skelbench.datasets.synthetic.kinematics import (CHANNELS, FK_ORDER,
                                                     FK_PARENTS, NUM_JOINTS,
                                                     REST_OFFSETS, REST_POSE,
                                                     PoseTrack,
                                                     forward_kinematics,
                                                     place_on_floor)
from skelbench.datasets.synthetic.random_streams import (STREAM_SETUP,
                                                         STREAM_SUBJECT,
                                                         stream_rng)
from skelbench.datasets.synthetic.scene import (facing_yaw, film,
                                                make_cameras)
from skelbench.layouts import get_layout


def test_kinematic_tree_is_the_ntu_layout():
    lay = get_layout('nturgb+d')
    assert len(FK_PARENTS) == NUM_JOINTS == lay.num_joints
    assert sorted(FK_ORDER) == list(range(NUM_JOINTS))
    seen = set()
    for j in FK_ORDER:  # parents come first
        assert FK_PARENTS[j] < 0 or FK_PARENTS[j] in seen
        seen.add(j)
    # the layout's bones, except that hand tip and thumb both hang from
    # the hand
    edges = {frozenset(e) for e in enumerate(FK_PARENTS) if e[1] >= 0}
    differ = edges ^ {frozenset(b) for b in lay.bone_pairs}
    assert set().union(*differ) <= {7, 11, 21, 22, 23, 24}
    assert all(FK_PARENTS[j] == h for h, js in ((7, (21, 22)),
                                                (11, (23, 24)))
               for j in js)


def test_forward_kinematics_keeps_bone_lengths():
    rng = np.random.default_rng(0)
    pose = REST_POSE + rng.normal(0., 20., (7, len(CHANNELS)))
    joints = forward_kinematics(REST_OFFSETS, pose)
    assert joints.shape == (7, NUM_JOINTS, 3)
    np.testing.assert_array_equal(joints[:, 0], 0.)
    for j, p in enumerate(FK_PARENTS):
        if p >= 0:
            np.testing.assert_allclose(
                np.linalg.norm(joints[:, j] - joints[:, p], axis=-1),
                np.linalg.norm(REST_OFFSETS[j]), rtol=1e-12)
    # zero angles: the rest offsets summed along the tree
    flat = forward_kinematics(REST_OFFSETS, np.zeros((1, len(CHANNELS))))
    np.testing.assert_allclose(flat[0, 3], REST_OFFSETS[[1, 20, 2, 3]].sum(0))


def test_place_on_floor():
    pose = np.tile(REST_POSE, (3, 1))
    joints = place_on_floor(forward_kinematics(REST_OFFSETS, pose), pose,
                            'both', anchor=False)
    feet = joints[:, [14, 15, 18, 19], 1]
    np.testing.assert_allclose(feet.min(axis=1), 0.015)


def test_pose_track_channels():
    p = PoseTrack(REST_POSE, 5)
    assert p.data.shape == (5, len(CHANNELS))
    p['l_elbow'] = 40.
    p.towards('l_elbow', 80., np.full(5, 0.5))
    np.testing.assert_allclose(p['l_elbow'], 60.)
    assert p.arms == dict(l='hang', r='hang')


def test_envelopes():
    u = np.linspace(0., 1., 101)
    r = ramp(u, 0.2, 0.6)
    assert r[0] == 0. and r[-1] == 1. and np.all(np.diff(r) >= 0)
    b = bump(u, 0.1, 0.3, 0.6, 0.8)
    assert b[0] == 0. and b[50] == 1. and b[-1] == 0.
    assert pulses(u, [0.25, 0.75], 0.1)[[25, 50, 75]].tolist() == \
        [1., 0., 1.]
    rng = np.random.default_rng(0)
    a, b_, c, d = hold_window(rng)
    assert 0. <= a < b_ <= c < d <= 1.
    windows = cycles(rng, 3)
    assert 1 <= len(windows) <= 3
    for (s0, l0), (s1, _) in zip(windows, windows[1:]):
        assert np.isclose(s0 + l0, s1)


def test_action_table():
    assert tuple(ACTIONS) == SYNTHETIC_CLASSES
    assert set(FREE_LEG_CLASSES) <= set(SYNTHETIC_CLASSES)
    for name, (template, duration, distance) in ACTIONS.items():
        assert callable(template) and duration > 0, name


def test_random_streams_are_independent():
    a = stream_rng(0, STREAM_SUBJECT, 3).random(4)
    np.testing.assert_array_equal(
        a, np.random.default_rng((0, STREAM_SUBJECT, 3)).random(4))
    assert not np.array_equal(a, stream_rng(0, STREAM_SETUP, 3).random(4))
    assert not np.array_equal(a, stream_rng(1, STREAM_SUBJECT, 3).random(4))


def test_cameras_look_at_the_performers():
    rig = make_cameras(0, 1)
    assert sorted(rig) == [1, 2, 3]
    for cam in rig.values():
        R = cam['rotation']
        np.testing.assert_allclose(R @ R.T, np.eye(3), atol=1e-12)
        # a point near the room centre is in front of the camera
        centre = film(np.array([[[[0., 0.9, 0.]]]]), cam, None, 0., 0.)
        assert centre[0, 0, 0, 2] > 2.
        assert abs(centre[0, 0, 0, 0]) < 0.5
    # a body turned by facing_yaw faces the camera: its forward axis
    # points at it
    yaw = np.deg2rad(facing_yaw(rig[2]))
    forward = np.array([np.sin(yaw), 0., np.cos(yaw)])
    to_cam = rig[2]['position'] * [1., 0., 1.]
    assert forward @ to_cam / np.linalg.norm(to_cam) > 0.99


# frame_dir -> (shape, sum of |keypoint|, keypoint[0, 0, 0, 0]) of
# generate_synthetic_dataset(num_subjects=2, repeats=1, seed=3,
# classes=['squat', 'push'], num_cameras=2)
PINNED = {
    'S001C001P001R001A001': ((1, 100, 25, 3), 10235.117646180122,
                             0.15210220217704773),
    'S001C002P001R001A001': ((1, 100, 25, 3), 10534.980388896663,
                             0.11098601669073105),
    'S001C001P001R001A002': ((2, 67, 25, 3), 11754.414740796536,
                             -0.32514989376068115),
    'S001C002P001R001A002': ((2, 67, 25, 3), 12635.119272349872,
                             -0.3517129719257355),
    'S001C001P002R001A001': ((1, 49, 25, 3), 4586.870918559609,
                             -0.1301591396331787),
    'S001C002P002R001A001': ((1, 49, 25, 3), 4756.696500768652,
                             0.2310980260372162),
    'S001C001P002R001A002': ((2, 40, 25, 3), 8198.782321937004,
                             0.3506079316139221),
    'S001C002P002R001A002': ((2, 40, 25, 3), 7611.817086323339,
                             0.47878262400627136),
}


def test_pinned_generation():
    """The generated data of a seed stays the same across refactors."""
    data = generate_synthetic_dataset(num_subjects=2, repeats=1, seed=3,
                                      classes=['squat', 'push'],
                                      num_cameras=2)
    got = {a['frame_dir']: a['keypoint'] for a in data['annotations']}
    assert sorted(got) == sorted(PINNED)
    for name, (shape, total, first) in PINNED.items():
        kp = got[name]
        assert kp.shape == shape, name
        assert float(np.abs(kp.astype(np.float64)).sum()) == \
            pytest.approx(total, rel=1e-6), name
        assert float(kp[0, 0, 0, 0]) == pytest.approx(first, abs=1e-6), name
