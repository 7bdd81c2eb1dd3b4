"""Procedural synthetic skeleton actions in the NTU RGB+D format.

:func:`generate_synthetic_dataset` builds a small, fully procedural action
dataset that needs no download and ships no file: every sample is computed
from joint-angle trajectories through a 25-joint Kinect v2 kinematic chain
(the NTU RGB+D layout, ``get_layout('nturgb+d')``) and returned in the
standard annotation format (``{'split': ..., 'annotations': ...}``) that
NTU RGB+D pickles use.

How a sample is made
--------------------
1. **Subject.** Each subject has a body size (global bone length scale and
   a per-segment variation), a posture and a personal style (speed and
   amplitude of its movements).
2. **Performance.** For each subject, replication and action the
   trajectories of 29 joint angles and 3 root translations are built from
   the action's template with random timing (onset, duration, time warp),
   amplitude, start phase, number of repetitions, an idle motion, a resting
   posture of the arms the action leaves free (hanging, hands on the hips,
   arms crossed, ...) and sometimes a small step. Forward kinematics turns
   them into 3D joint positions (vectorised over frames: one rotation
   matrix per joint and frame). The feet stay on the floor, the person
   stands at a random place and orientation in the room, facing camera 2
   (odd replications) or camera 3 (even ones), as in NTU RGB+D. Two-person
   interactions put two actors face to face.
3. **Views.** Three cameras of a setup (horizontal angles 0, -45 and +45
   degrees around the performers; camera height and distance depend on the
   setup) film the same 3D performance at once, so the three samples of a
   performance show the same motion in three camera frames. Each view gets
   its own sensor noise (Gaussian jitter) and dropped joints (coordinates
   set to 0 for a few frames, as the Kinect does).

Coordinates are Kinect v2 camera space, in metres: right-handed, ``y`` up,
``z`` the depth away from the camera and ``x`` pointing to the right hand
of a person who faces the camera (so the right shoulder of a frontal
subject has the larger ``x``, as in NTU RGB+D).

Everything is deterministic for a seed: the random numbers of a subject,
a setup, a performance and a view come from ``np.random.default_rng`` seeded
with ``(seed, kind, ids...)``, so a sample does not depend on how many
subjects or classes are generated alongside it (except for the partner
of an interaction, drawn from the subject's half of the xsub split), and
the global NumPy random state is never used.
"""
import math
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

__all__ = [
    'SYNTHETIC_CLASSES', 'TWO_PERSON_CLASSES', 'CAMERA_AZIMUTHS',
    'generate_synthetic_dataset', 'xsub_train_subjects'
]

NUM_JOINTS = 25

#: Class names; the index of a name is its label (0-based).
SYNTHETIC_CLASSES = (
    'raise_left_arm', 'raise_right_arm', 'wave_right_hand', 'kick_right_leg',
    'squat', 'bow', 'jump', 'turn_around', 'clap', 'both_arms_up',
    'punch_forward', 'sit_down', 'handshake', 'push')

#: Interactions: their samples have two bodies (``M = 2``).
TWO_PERSON_CLASSES = ('handshake', 'push')

#: Horizontal angle (degrees) of each camera around the performers, as the
#: -45 / 0 / +45 degree rig of NTU RGB+D. Camera 1 is in the middle, so it
#: always sees the subject at 45 degrees; cameras 2 and 3 see front and
#: side views (the subject faces camera 2, then camera 3).
CAMERA_AZIMUTHS = {1: 0.0, 2: -45.0, 3: 45.0}

# ---------------------------------------------------------------------------
# Kinematic model
# ---------------------------------------------------------------------------
# Body frame: x = the person's left, y = up, z = the person's forward
# direction (right-handed). The kinematic tree is the NTU bone tree rooted
# at the spine base (joint 0), the hand tip and thumb hang from the hand.
_FK_PARENTS = (-1, 0, 20, 2, 20, 4, 5, 6, 20, 8, 9, 10, 0, 12, 13, 14, 0,
               16, 17, 18, 1, 7, 7, 11, 11)
_FK_ORDER = (0, 1, 20, 2, 3, 4, 5, 6, 7, 21, 22, 8, 9, 10, 11, 23, 24, 12,
             13, 14, 15, 16, 17, 18, 19)

# Offset (metres) of each joint from its parent in the rest pose of an
# average adult (about 1.72 m tall), body frame.
_REST_OFFSETS = np.array([
    [0.000, 0.000, 0.000],    # 0 spine_base (root)
    [0.000, 0.280, -0.010],   # 1 spine_mid
    [0.000, 0.070, 0.010],    # 2 neck
    [0.000, 0.150, 0.020],    # 3 head
    [0.160, -0.050, -0.010],  # 4 shoulder_left
    [0.000, -0.270, 0.000],   # 5 elbow_left
    [0.000, -0.250, 0.000],   # 6 wrist_left
    [0.000, -0.070, 0.000],   # 7 hand_left
    [-0.160, -0.050, -0.010],  # 8 shoulder_right
    [0.000, -0.270, 0.000],   # 9 elbow_right
    [0.000, -0.250, 0.000],   # 10 wrist_right
    [0.000, -0.070, 0.000],   # 11 hand_right
    [0.080, -0.060, 0.000],   # 12 hip_left
    [0.000, -0.420, 0.010],   # 13 knee_left
    [0.000, -0.400, -0.020],  # 14 ankle_left
    [0.000, -0.060, 0.110],   # 15 foot_left
    [-0.080, -0.060, 0.000],  # 16 hip_right
    [0.000, -0.420, 0.010],   # 17 knee_right
    [0.000, -0.400, -0.020],  # 18 ankle_right
    [0.000, -0.060, 0.110],   # 19 foot_right
    [0.000, 0.220, -0.010],   # 20 spine_shoulder
    [0.000, -0.070, 0.000],   # 21 hand_tip_left
    [-0.010, -0.030, 0.045],  # 22 thumb_left
    [0.000, -0.070, 0.000],   # 23 hand_tip_right
    [0.010, -0.030, 0.045],   # 24 thumb_right
])

# Body segments that share a length scale within a subject.
_SEGMENTS = (
    (1, 20), (2, 3), (4, 8), (5, 9), (6, 10), (7, 11, 21, 22, 23, 24),
    (12, 16), (13, 17), (14, 18), (15, 19))
_FOOT_JOINTS = {'both': (14, 15, 18, 19), 'left': (14, 15), 'right': (18, 19)}
_ANKLES = {'both': (14, 18), 'left': (14,), 'right': (18,)}

# Pose channels: joint angles in degrees, then root translations in metres
# (body frame of the first frame: ``fwd`` = forward, ``side`` = left,
# ``lift`` = up, added on top of the foot contact).
_CHANNELS = (
    'yaw', 'pelvis_flex', 'pelvis_roll', 'spine_flex', 'spine_lat',
    'spine_rot', 'chest_flex', 'chest_lat', 'chest_rot', 'neck_flex',
    'neck_rot', 'l_sh_plane', 'l_sh_elev', 'l_sh_twist', 'l_elbow',
    'l_wrist', 'r_sh_plane', 'r_sh_elev', 'r_sh_twist', 'r_elbow', 'r_wrist',
    'l_hip_flex', 'l_hip_abd', 'l_knee', 'l_ankle', 'r_hip_flex',
    'r_hip_abd', 'r_knee', 'r_ankle', 'fwd', 'side', 'lift')
_CH = {name: i for i, name in enumerate(_CHANNELS)}


def _pose_vector(default: float = 0., **values: float) -> np.ndarray:
    """A ``(C,)`` vector over the pose channels, ``default`` elsewhere."""
    vec = np.full(len(_CHANNELS), default)
    for name, value in values.items():
        vec[_CH[name]] = value
    return vec


# Rest pose: arms hanging (shoulder plane 0 = forward, 90 = lateral;
# elevation 0 = hanging, 90 = horizontal, 180 = overhead).
_REST_POSE = _pose_vector(
    l_sh_plane=25., l_sh_elev=8., l_elbow=12., r_sh_plane=25., r_sh_elev=8.,
    r_elbow=12., l_hip_abd=3., r_hip_abd=3., l_knee=3., r_knee=3.)

# Amplitude (degrees, metres for translations) of the idle motion.
_IDLE_AMPLITUDE = _pose_vector(
    1., yaw=2., spine_flex=1.5, spine_lat=1.5, spine_rot=2., chest_rot=2.,
    neck_flex=3., neck_rot=4., l_sh_plane=4., l_sh_elev=3., l_sh_twist=4.,
    l_elbow=4., l_wrist=3., r_sh_plane=4., r_sh_elev=3., r_sh_twist=4.,
    r_elbow=4., r_wrist=3., l_ankle=0., r_ankle=0., fwd=0.01, side=0.01,
    lift=0.)

# Postures of an arm that an action does not use (shoulder plane,
# elevation, twist, elbow flexion; left arm, the right one is mirrored),
# found by inverse kinematics on the rest skeleton, and their probability.
_ARM_STATES = {
    'hang': ((25., 8., 0., 12.), 0.4),
    'hips': ((-59., -41., 8., 84.), 0.15),      # hand on the hip
    'crossed': ((-11., 33., -57., 104.), 0.15),  # hand at the other elbow
    'behind': ((-19., -33., -50., 63.), 0.15),   # hands behind the back
    'front': ((-16., 5., -23., 62.), 0.15),      # hands joined in front
}


def _rot(axis: str, deg: np.ndarray) -> np.ndarray:
    """Rotation matrices ``(..., 3, 3)`` about ``axis`` by ``deg`` degrees."""
    a = np.deg2rad(deg)
    c, s = np.cos(a), np.sin(a)
    o, i = np.zeros_like(a), np.ones_like(a)
    rows = {'x': ((i, o, o), (o, c, -s), (o, s, c)),
            'y': ((c, o, s), (o, i, o), (-s, o, c)),
            'z': ((c, -s, o), (s, c, o), (o, o, i))}[axis]
    return np.stack([np.stack(r, axis=-1) for r in rows], axis=-2)


def _local_rotations(pose: np.ndarray) -> Dict[int, np.ndarray]:
    """Joint rotations ``{joint: (T, 3, 3)}`` from a pose ``(T, C)``.

    The rotation of a joint turns the bones to its children, expressed in
    its parent's frame. Hip flexion is the thigh's angle to the trunk's
    vertical plus the pelvis flexion, so that ``*_hip_flex`` is the thigh's
    angle to the vertical of the heading frame.
    """
    p = {name: pose[:, i] for name, i in _CH.items()}
    rot = {
        0: _rot('y', p['yaw']) @ _rot('x', p['pelvis_flex'])
        @ _rot('z', p['pelvis_roll']),
        1: _rot('x', p['spine_flex']) @ _rot('z', p['spine_lat'])
        @ _rot('y', p['spine_rot']),
        20: _rot('x', p['chest_flex']) @ _rot('z', p['chest_lat'])
        @ _rot('y', p['chest_rot']),
        2: _rot('x', p['neck_flex']) @ _rot('y', p['neck_rot']),
    }
    for side, sign, (sh, el, wr, hip, knee, ank) in (
            ('l', 1., (4, 5, 6, 12, 13, 14)),
            ('r', -1., (8, 9, 10, 16, 17, 18))):
        rot[sh] = (_rot('y', sign * p[f'{side}_sh_plane'])
                   @ _rot('x', -p[f'{side}_sh_elev'])
                   @ _rot('y', sign * p[f'{side}_sh_twist']))
        rot[el] = _rot('x', -p[f'{side}_elbow'])
        rot[wr] = _rot('x', -p[f'{side}_wrist'])
        rot[hip] = (_rot('x', -(p[f'{side}_hip_flex'] + p['pelvis_flex']))
                    @ _rot('z', sign * p[f'{side}_hip_abd']))
        rot[knee] = _rot('x', p[f'{side}_knee'])
        rot[ank] = _rot('x', -p[f'{side}_ankle'])
    return rot


def _forward_kinematics(offsets: np.ndarray,
                        pose: np.ndarray) -> np.ndarray:
    """Joint positions relative to the root, body frame.

    Args:
        offsets (np.ndarray): ``(V, 3)`` bone offsets of the subject.
        pose (np.ndarray): ``(T, C)`` pose channels.

    Returns:
        np.ndarray: ``(T, V, 3)`` positions; the root is at the origin.
    """
    T = pose.shape[0]
    rot = _local_rotations(pose)
    glob = [None] * NUM_JOINTS
    pos = np.zeros((NUM_JOINTS, T, 3))
    for j in _FK_ORDER:
        parent = _FK_PARENTS[j]
        if parent < 0:
            glob[j] = rot[j]
            continue
        pos[j] = pos[parent] + glob[parent] @ offsets[j]
        glob[j] = glob[parent] @ rot[j] if j in rot else glob[parent]
    return pos.transpose(1, 0, 2)


def _place_on_floor(joints: np.ndarray, pose: np.ndarray, support: str,
                    anchor: bool) -> np.ndarray:
    """Translate body-frame joints so that the support foot is on the floor.

    Args:
        joints (np.ndarray): ``(T, V, 3)`` positions relative to the root.
        pose (np.ndarray): ``(T, C)`` pose (for the root translations).
        support (str): ``'both'``, ``'left'`` or ``'right'``: the feet whose
            lowest joint touches the floor (``y = 0``).
        anchor (bool): Also keep the support ankles in place horizontally
            (squat, sit down: the hips move, the feet do not).

    Returns:
        np.ndarray: ``(T, V, 3)`` positions in the heading frame of the
        first frame, feet on the floor.
    """
    feet = joints[:, list(_FOOT_JOINTS[support]), 1]
    root = np.zeros((joints.shape[0], 3))
    root[:, 1] = 0.015 - feet.min(axis=1) + pose[:, _CH['lift']]
    if anchor:
        ankles = joints[:, list(_ANKLES[support])][:, :, [0, 2]].mean(1)
        root[:, [0, 2]] = ankles[0] - ankles
    root[:, 0] += pose[:, _CH['side']]
    root[:, 2] += pose[:, _CH['fwd']]
    return joints + root[:, None]


# ---------------------------------------------------------------------------
# Envelopes (functions of the action progress u in [0, 1])
# ---------------------------------------------------------------------------
def _ramp(u: np.ndarray, a: float, b: float) -> np.ndarray:
    """Smooth step: 0 for ``u <= a``, 1 for ``u >= b``."""
    x = np.clip((u - a) / max(b - a, 1e-6), 0., 1.)
    return x * x * (3. - 2. * x)


def _bump(u: np.ndarray, a: float, b: float, c: float,
          d: float) -> np.ndarray:
    """0 -> 1 between ``a`` and ``b``, hold, 1 -> 0 between ``c`` and ``d``.
    """
    return _ramp(u, a, b) * (1. - _ramp(u, c, d))


def _pulses(u: np.ndarray, centres: Sequence[float],
            width: float) -> np.ndarray:
    """Maximum of smooth bumps of half-width ``width`` at ``centres``."""
    out = np.zeros_like(u)
    for c in centres:
        out = np.maximum(out, _bump(u, c - width, c, c, c + width))
    return out


def _hold_window(rng: np.random.Generator) -> Tuple[float, ...]:
    """Random rise-hold-fall breakpoints ``(a, b, c, d)`` in ``[0, 1]``."""
    a = rng.uniform(0., 0.1)
    b = a + rng.uniform(0.18, 0.32)
    d = rng.uniform(0.88, 1.0)
    c = d - rng.uniform(0.18, 0.32)
    return a, b, c, d


class _Pose:
    """``(T, C)`` pose array with channel access by name (views)."""

    def __init__(self, base: np.ndarray, num_frames: int):
        self.data = np.tile(base, (num_frames, 1))
        self.arms = dict(l='hang', r='hang')  # _ARM_STATES of the arms

    def __getitem__(self, name: str) -> np.ndarray:
        return self.data[:, _CH[name]]

    def __setitem__(self, name: str, value) -> None:
        self.data[:, _CH[name]] = value

    def towards(self, name: str, target, weight: np.ndarray) -> None:
        """Blend channel ``name`` towards ``target`` with ``weight``."""
        self[name] = self[name] + (target - self[name]) * weight

    def arm(self, side: str, weight: np.ndarray, plane, elev, elbow,
            twist=0.) -> None:
        """Blend arm ``side`` (``'l'``/``'r'``) towards a posture."""
        for channel, value in (('sh_plane', plane), ('sh_elev', elev),
                               ('sh_twist', twist), ('elbow', elbow)):
            self.towards(f'{side}_{channel}', value, weight)


# ---------------------------------------------------------------------------
# Action templates. Each one edits the pose(s) of a performance given the
# progress u (T,), a generator and the amplitude factor ``amp``; it returns
# the support foot and whether the feet are anchored, per body.
# ---------------------------------------------------------------------------
def _raise_arm(p: _Pose, u, rng, amp, side: str, lag: float = 0.):
    """Raise one arm (``'l'`` or ``'r'``) overhead, hold, lower it."""
    a, b, c, d = (lag + (1. - lag) * x for x in _hold_window(rng))
    w = _bump(u, a, b, c, d)
    p.arm(side, w, plane=rng.uniform(0., 95.),
          elev=min(rng.uniform(130., 172.) + 25. * (amp - 1.), 178.),
          elbow=rng.uniform(0., 30.), twist=rng.uniform(-20., 20.))
    sign = 1. if side == 'l' else -1.
    p['spine_lat'] -= sign * rng.uniform(0., 6.) * w
    return w


def _act_raise_left_arm(poses, u, rng, amp):
    w = _raise_arm(poses[0], u, rng, amp, 'l')
    poses[0]['neck_flex'] -= rng.uniform(0., 15.) * w
    return [('both', True)]


def _act_raise_right_arm(poses, u, rng, amp):
    w = _raise_arm(poses[0], u, rng, amp, 'r')
    poses[0]['neck_flex'] -= rng.uniform(0., 15.) * w
    return [('both', True)]


def _act_wave_right_hand(poses, u, rng, amp):
    p = poses[0]
    a, b, c, d = _hold_window(rng)
    w = _bump(u, a, b, c, d)
    cycles = rng.uniform(2., 4.5)
    phase = rng.uniform(0., 2. * np.pi)
    swing = np.sin(2. * np.pi * cycles * (u - b) / max(c - b, 0.1) + phase)
    p.arm('r', w, plane=rng.uniform(45., 95.), elev=rng.uniform(70., 110.),
          elbow=rng.uniform(65., 100.) + rng.uniform(20., 35.) * amp * swing,
          twist=rng.uniform(-15., 15.))
    p['r_wrist'] += 10. * swing * w
    p['neck_rot'] -= rng.uniform(0., 10.) * w
    return [('both', True)]


def _cycles(rng: np.random.Generator,
            most: int) -> List[Tuple[float, float]]:
    """1 to ``most`` consecutive ``(start, duration)`` windows in [0, 1]."""
    n = int(rng.integers(1, most + 1))
    total = rng.uniform(0.45, 0.8) if n == 1 else rng.uniform(0.75, 0.98)
    t0 = rng.uniform(0., 1. - total)
    return [(t0 + i * total / n, total / n) for i in range(n)]


def _act_kick_right_leg(poses, u, rng, amp):
    p = poses[0]
    w = np.zeros_like(u)
    flex = rng.uniform(45., 85.) * amp
    side_kick = rng.uniform(0., 0.6)  # front kick (0) to side kick
    chamber = rng.uniform(50., 90.)
    for t0, dur in _cycles(rng, 2):
        k = [t0 + dur * f for f in (0., 0.3, 0.45, 0.55, 0.8, 1.)]
        lift = _bump(u, k[0], k[2], k[3], k[5])
        p['r_hip_flex'] += (1. - side_kick) * flex * lift
        p['r_hip_abd'] += side_kick * flex * lift
        p['r_knee'] += (chamber * _bump(u, k[0], k[1], k[1], k[2])
                        + chamber * 0.7 * _bump(u, k[3], k[4], k[4], k[5]))
        p['r_ankle'] -= 20. * _bump(u, k[1], k[2], k[3], k[4])
        w += _bump(u, k[0], k[1], k[4], k[5])
    w = np.minimum(w, 1.)
    p['pelvis_flex'] -= rng.uniform(3., 12.) * w
    for side in 'lr':
        if p.arms[side] == 'hang':  # arms out for balance
            p[f'{side}_sh_elev'] += rng.uniform(10., 40.) * w
    p['l_knee'] += rng.uniform(5., 15.) * w
    return [('left', True)]


def _crouch(p: _Pose, depth: np.ndarray, knee_ratio: float,
            lean: float) -> None:
    """Bend both legs: thigh angle ``depth`` (T,) degrees, flat feet."""
    for side in 'lr':
        p[f'{side}_hip_flex'] += depth
        p[f'{side}_knee'] += knee_ratio * depth
    p['pelvis_flex'] += lean * depth


def _flat_feet(p: _Pose) -> None:
    """Ankle angles that keep the feet horizontal."""
    for side in 'lr':
        p[f'{side}_ankle'] += p[f'{side}_knee'] - p[f'{side}_hip_flex']


def _act_squat(poses, u, rng, amp):
    p = poses[0]
    w = np.zeros_like(u)
    for t0, dur in _cycles(rng, 2):
        a, b, c, d = (t0 + dur * f for f in _hold_window(rng))
        w += _bump(u, a, b, c, d)
    w = np.minimum(w, 1.)
    depth = min(rng.uniform(70., 95.) * (0.5 + 0.5 * amp), 105.)
    _crouch(p, depth * w, min(rng.uniform(1.3, 1.6), 140. / depth),
            rng.uniform(0.2, 0.45))
    _flat_feet(p)
    if rng.random() < 0.5:  # arms forward for balance
        elev = rng.uniform(50., 90.)
        for side in 'lr':
            p.arm(side, w, plane=rng.uniform(0., 20.), elev=elev,
                  elbow=rng.uniform(0., 30.))
    return [('both', True)]


def _act_bow(poses, u, rng, amp):
    p = poses[0]
    a, b, c, d = _hold_window(rng)
    w = _bump(u, a, b, c, d)
    trunk = min(rng.uniform(30., 65.) * amp, 80.)
    p['pelvis_flex'] += trunk * w
    p['spine_flex'] += rng.uniform(5., 20.) * w
    p['chest_flex'] += rng.uniform(0., 10.) * w
    p['neck_flex'] += rng.uniform(0., 20.) * w
    hang = rng.uniform(0.5, 1.1)
    for side in 'lr':
        if p.arms[side] == 'hang':  # the arms keep hanging down
            p.towards(f'{side}_sh_plane', rng.uniform(0., 30.), w)
            p[f'{side}_sh_elev'] += hang * trunk * w
    p['l_knee'] += rng.uniform(0., 10.) * w
    p['r_knee'] += rng.uniform(0., 10.) * w
    _flat_feet(p)
    return [('both', True)]


def _act_jump(poses, u, rng, amp):
    p = poses[0]
    crouch, flight, push, swing, up_w, arms = (np.zeros_like(u)
                                               for _ in range(6))
    for t0, dur in _cycles(rng, 2):
        k = [t0 + dur * f
             for f in (0., 0.3, 0.38, 0.45, 0.62, 0.7, 0.8, 1.)]
        crouch += (_bump(u, k[0], k[1], k[1], k[3])
                   + _bump(u, k[4], k[5], k[6], k[7]))
        air = np.clip((u - k[3]) / (k[4] - k[3]), 0., 1.)
        flight += 4. * air * (1. - air)
        push += _bump(u, k[2], k[3], k[4], k[5])
        swing += _bump(u, k[0], k[1], k[1], k[2])
        up_w += _bump(u, k[2], k[3], k[4], k[6])
        arms += _bump(u, k[0], k[1], k[6], k[7])
    arms = np.minimum(arms, 1.)
    _crouch(p, rng.uniform(30., 55.) * crouch, rng.uniform(1.6, 2.0), 0.4)
    _flat_feet(p)
    p['lift'] += min(rng.uniform(0.12, 0.3) * amp, 0.4) * flight
    p['l_ankle'] -= 30. * push
    p['r_ankle'] -= 30. * push
    up = rng.uniform(60., 160.)
    plane = rng.uniform(0., 40.)
    for side in 'lr':
        p.arm(side, arms, plane=plane, elev=p[f'{side}_sh_elev'],
              elbow=rng.uniform(5., 30.))
        p.towards(f'{side}_sh_elev', -30., swing)
        p.towards(f'{side}_sh_elev', up, up_w)
    return [('both', True)]


def _act_turn_around(poses, u, rng, amp):
    p = poses[0]
    a = rng.uniform(0., 0.2)
    b = rng.uniform(0.75, 1.0)
    turn = rng.choice((-1., 1.)) * rng.uniform(150., 200.)
    p['yaw'] += turn * _ramp(u, a, b)
    steps = int(rng.integers(2, 5))
    centres = a + (b - a) * (np.arange(steps) + 0.5) / steps
    width = 0.5 * (b - a) / steps
    first = int(rng.integers(2))
    for i, c in enumerate(centres):
        side = 'lr'[(i + first) % 2]
        lift = _bump(u, c - width, c, c, c + width)
        p[f'{side}_hip_flex'] += rng.uniform(15., 30.) * lift
        p[f'{side}_knee'] += rng.uniform(25., 45.) * lift
    p['l_sh_elev'] += rng.uniform(0., 20.) * _bump(u, a, a + .1, b - .1, b)
    p['r_sh_elev'] += rng.uniform(0., 20.) * _bump(u, a, a + .1, b - .1, b)
    p['neck_rot'] += 0.1 * turn * _bump(u, a, a + .1, b - .1, b)
    return [('both', False)]


def _act_clap(poses, u, rng, amp):
    p = poses[0]
    a, b, c, d = _hold_window(rng)
    w = _bump(u, a, b, c, d)
    claps = rng.uniform(2., 5.)
    phase = rng.uniform(0., 2. * np.pi)
    swing = 0.5 + 0.5 * np.cos(
        2. * np.pi * claps * (u - b) / max(c - b, 0.1) + phase)
    closed = rng.uniform(-25., -12.)
    opened = rng.uniform(25., 55.) * amp
    elev = rng.uniform(50., 85.)
    elbow = rng.uniform(35., 70.)
    for side in 'lr':
        p.arm(side, w, plane=closed + (opened - closed) * swing, elev=elev,
              elbow=elbow)
    return [('both', True)]


def _act_both_arms_up(poses, u, rng, amp):
    p = poses[0]
    lag = rng.uniform(-0.12, 0.12)  # one arm may go up before the other
    w = np.maximum(_raise_arm(p, u, rng, amp, 'l', max(lag, 0.)),
                   _raise_arm(p, u, rng, amp, 'r', max(-lag, 0.)))
    p['neck_flex'] -= rng.uniform(0., 15.) * w
    return [('both', True)]


def _act_punch_forward(poses, u, rng, amp):
    p = poses[0]
    a, b, c, d = _hold_window(rng)
    guard = _bump(u, a, b, c, d)
    for side in 'lr':
        p.arm(side, guard, plane=rng.uniform(-10., 15.),
              elev=rng.uniform(20., 45.), elbow=rng.uniform(100., 130.))
    n = int(rng.integers(1, 4))
    centres = b + (c - b) * (np.arange(n) + rng.uniform(0.3, 0.7)) / n
    strike = _pulses(u, centres, min(0.12, 0.45 * (c - b) / n))
    p.arm('r', strike, plane=rng.uniform(-15., -5.),
          elev=rng.uniform(75., 95.) + 15. * (amp - 1.),
          elbow=rng.uniform(0., 15.))
    p['chest_rot'] += rng.uniform(8., 20.) * strike
    p['r_hip_flex'] += rng.uniform(0., 10.) * guard
    return [('both', True)]


def _act_sit_down(poses, u, rng, amp):
    p = poses[0]
    a = rng.uniform(0.0, 0.3)
    b = a + rng.uniform(0.35, 0.6)
    w = _ramp(u, a, b)
    hip = rng.uniform(80., 95.)
    knee = rng.uniform(80., 105.)
    for side in 'lr':
        p[f'{side}_hip_flex'] += hip * w
        p[f'{side}_knee'] += knee * w
        if p.arms[side] == 'hang':  # hands on the thighs
            p.towards(f'{side}_sh_plane', rng.uniform(0., 20.), w)
            p[f'{side}_sh_elev'] += rng.uniform(20., 45.) * w
            p[f'{side}_elbow'] += rng.uniform(30., 60.) * w
    p['pelvis_flex'] += (rng.uniform(20., 40.) * amp * _bump(
        u, a, 0.5 * (a + b), 0.5 * (a + b), b) + rng.uniform(0., 10.) * w)
    _flat_feet(p)
    return [('both', True)]


def _act_handshake(poses, u, rng, amp, distance):
    # both walk towards each other until their hands meet
    gap = distance - rng.uniform(0.85, 1.0)
    share = rng.uniform(0.35, 0.65)
    approach = rng.uniform(0.15, 0.35)
    reach_a, reach_b = rng.uniform(0.15, 0.3), rng.uniform(0.6, 0.75)
    rel_a, rel_b = rng.uniform(0.75, 0.85), rng.uniform(0.9, 1.0)
    w = _bump(u, reach_a, reach_b - 0.2, rel_a, rel_b)
    shake = _bump(u, reach_b - 0.2, reach_b - 0.1, rel_a - 0.05, rel_a)
    cycles = rng.uniform(2., 4.)
    phase = rng.uniform(0., 2. * np.pi)
    swing = np.sin(2. * np.pi * cycles * u + phase)
    plane, elev = rng.uniform(-28., -15.), rng.uniform(45., 60.)
    elbow = rng.uniform(20., 45.)
    for p, step in zip(poses, (gap * share, gap * (1. - share))):
        p['fwd'] += step * _ramp(u, 0., approach)
        lead = 'lr'[int(rng.integers(2))]
        lift = _bump(u, 0.0, 0.5 * approach, 0.5 * approach, approach)
        p[f'{lead}_hip_flex'] += 20. * lift
        p[f'{lead}_knee'] += 35. * lift
        p.arm('r', w, plane=plane + rng.uniform(-4., 4.),
              elev=elev + 8. * amp * swing * shake,
              elbow=elbow + rng.uniform(-5., 5.))
        p['neck_flex'] += rng.uniform(0., 12.) * w
        p['chest_flex'] += rng.uniform(0., 8.) * w
    return [('both', False), ('both', False)]


def _act_push(poses, u, rng, amp, distance):
    pusher, pushed = poses
    step = max(distance - rng.uniform(0.7, 0.85), 0.)
    t0 = rng.uniform(0.05, 0.2)
    contact = t0 + rng.uniform(0.3, 0.4)
    back = contact + rng.uniform(0.12, 0.25)
    pusher['fwd'] += step * _ramp(u, t0, contact)
    lead = 'lr'[int(rng.integers(2))]
    lift = _bump(u, t0, 0.5 * (t0 + contact), 0.5 * (t0 + contact), contact)
    pusher[f'{lead}_hip_flex'] += 25. * lift
    pusher[f'{lead}_knee'] += 35. * lift
    arms = _bump(u, t0, contact - 0.1, back + 0.05, min(back + 0.3, 1.))
    extend = _bump(u, contact - 0.12, contact, back, back + 0.1)
    for side in 'lr':
        pusher.arm(side, arms, plane=rng.uniform(-12., 0.),
                   elev=rng.uniform(40., 55.) + rng.uniform(25., 40.) * extend,
                   elbow=rng.uniform(90., 110.) * (1. - 0.85 * extend))
    pusher['pelvis_flex'] += rng.uniform(5., 15.) * extend
    # the pushed person is thrown back, leans back and steps back
    hit = _ramp(u, contact - 0.02, back)
    reaction = _bump(u, contact - 0.02, contact + 0.05, back,
                     min(back + 0.25, 1.))
    pushed['fwd'] -= rng.uniform(0.3, 0.6) * amp * hit
    pushed['pelvis_flex'] -= rng.uniform(5., 15.) * reaction
    pushed['chest_flex'] -= rng.uniform(0., 10.) * reaction
    leg = 'lr'[int(rng.integers(2))]
    pushed[f'{leg}_hip_flex'] -= rng.uniform(10., 25.) * reaction
    pushed[f'{leg}_knee'] += rng.uniform(15., 35.) * reaction
    for side in 'lr':
        pushed[f'{side}_sh_elev'] += rng.uniform(15., 50.) * reaction
        pushed[f'{side}_elbow'] += rng.uniform(10., 40.) * reaction
    return [('both', False), ('both', False)]


# name -> (template, typical duration of the action in frames (30 fps),
#          (min, max) distance between the two actors' roots at the start)
_ACTIONS: Dict[str, Tuple[Callable, float, Optional[Tuple[float, float]]]]
_ACTIONS = {
    'raise_left_arm': (_act_raise_left_arm, 36., None),
    'raise_right_arm': (_act_raise_right_arm, 36., None),
    'wave_right_hand': (_act_wave_right_hand, 48., None),
    'kick_right_leg': (_act_kick_right_leg, 28., None),
    'squat': (_act_squat, 36., None),
    'bow': (_act_bow, 36., None),
    'jump': (_act_jump, 28., None),
    'turn_around': (_act_turn_around, 48., None),
    'clap': (_act_clap, 40., None),
    'both_arms_up': (_act_both_arms_up, 36., None),
    'punch_forward': (_act_punch_forward, 32., None),
    'sit_down': (_act_sit_down, 40., None),
    'handshake': (_act_handshake, 56., (1.3, 1.8)),
    'push': (_act_push, 44., (0.95, 1.25)),
}
assert tuple(_ACTIONS) == SYNTHETIC_CLASSES
# Actions that leave the legs free: the person may also take a small step.
_FREE_LEG_CLASSES = ('raise_left_arm', 'raise_right_arm', 'wave_right_hand',
                     'clap', 'both_arms_up', 'punch_forward')
_STEP_PROB = 0.35

# Variation of a performance: shortest share of the sequence the action
# fills, strength of the time warp, orientation of the person around the
# direction of the camera it faces (+-degrees), range of the camera heights
# (metres; NTU RGB+D's setups range from 0.5 to 2.7 m) and distances.
_MIN_ACTION_SHARE = 0.2
_TIME_WARP = 0.8
_YAW_JITTER = 45.
_CAMERA_HEIGHT = (0.5, 2.5)
_CAMERA_DISTANCE = (2.6, 3.4)
# Random number streams (first entropy word after the seed).
_STREAM_SUBJECT, _STREAM_SETUP, _STREAM_PERFORMANCE, _STREAM_VIEW = range(4)


# ---------------------------------------------------------------------------
# Subjects, setups and cameras
# ---------------------------------------------------------------------------
def xsub_train_subjects(num_subjects: int) -> Tuple[int, ...]:
    """The fixed cross-subject training subjects among ``1..num_subjects``.

    Subjects ``s`` with ``(s - 1) % 4`` in ``{0, 3}`` (1, 4, 5, 8, 9, ...)
    train, the others validate: half of the subjects (exactly half for a
    multiple of 4), spread over the whole id range like NTU's list, one of
    the two subjects of each setup in each half, and both halves non-empty
    for ``num_subjects >= 2``.
    """
    return tuple(s for s in range(1, num_subjects + 1)
                 if (s - 1) % 4 in (0, 3))


def _make_subject(seed: int, subject: int) -> dict:
    """Body size, posture and style of a subject."""
    rng = np.random.default_rng((seed, _STREAM_SUBJECT, subject))
    scale = float(np.clip(rng.normal(1., 0.06), 0.86, 1.14))
    bone = np.full(NUM_JOINTS, scale)
    for joints in _SEGMENTS:
        bone[list(joints)] *= np.clip(rng.normal(1., 0.04), 0.9, 1.1)
    bone *= np.clip(rng.normal(1., 0.01, NUM_JOINTS), 0.97, 1.03)
    posture = np.zeros(len(_CHANNELS))
    for name, std in dict(spine_flex=3., chest_flex=3., neck_flex=5.,
                          pelvis_flex=2., l_elbow=4., r_elbow=4.,
                          l_sh_elev=3., r_sh_elev=3., l_hip_abd=2.,
                          r_hip_abd=2.).items():
        posture[_CH[name]] = rng.normal(0., std)
    return dict(offsets=_REST_OFFSETS * bone[:, None],
                posture=posture,
                speed=float(rng.uniform(0.8, 1.25)),
                amp=float(rng.uniform(0.85, 1.15)))


def _setup_of(subject: int) -> int:
    """Setup id (1-based) of a subject: two consecutive subjects a setup."""
    return (subject - 1) // 2 + 1


def _make_cameras(seed: int, setup: int) -> Dict[int, dict]:
    """Camera rig of a setup: ``{camera: dict(position, rotation)}``.

    ``rotation`` is ``(3, 3)`` with the camera axes as rows, so that
    ``(p - position) @ rotation.T`` maps room points to the camera frame.
    The room has ``y`` up and the performers around the origin.
    """
    rng = np.random.default_rng((seed, _STREAM_SETUP, setup))
    height = rng.uniform(*_CAMERA_HEIGHT)
    distance = rng.uniform(*_CAMERA_DISTANCE)
    rig = {}
    for cam in (1, 2, 3):
        azim = np.deg2rad(CAMERA_AZIMUTHS[cam] + rng.uniform(-3., 3.))
        dist = distance + rng.uniform(-0.15, 0.15)
        pos = np.array([dist * np.sin(azim), height + rng.uniform(-.05, .05),
                        -dist * np.cos(azim)])
        target = np.array([rng.uniform(-0.2, 0.2), rng.uniform(0.7, 1.1),
                           rng.uniform(-0.2, 0.2)])
        z = target - pos
        z /= np.linalg.norm(z)
        y = np.array([0., 1., 0.]) - z[1] * z
        y /= np.linalg.norm(y)
        x = np.cross(y, z)
        roll = _rot('z', np.array(rng.normal(0., 1.5)))
        rig[cam] = dict(position=pos, rotation=roll @ np.stack([x, y, z]))
    return rig


def _facing_yaw(camera: dict) -> float:
    """Yaw (degrees) of a body at the origin that faces ``camera``."""
    x, _, z = camera['position']
    return float(np.rad2deg(np.arctan2(x, z)))


# ---------------------------------------------------------------------------
# Performances and views
# ---------------------------------------------------------------------------
def _timing(duration: float, min_frames: int, max_frames: int,
            rng: np.random.Generator) -> np.ndarray:
    """Action progress of a performance, one value per frame.

    The action lasts about ``duration`` frames and fills a random share of
    the sequence (idle before and after it), which sets the frame count
    ``T`` (clipped to ``[min_frames, max_frames]``); it starts at a random
    frame and its speed varies (monotonic piecewise linear time warp).

    Returns:
        np.ndarray: Progress ``u`` of shape ``(T,)``, from 0 (before the
        action) to 1 (after it).
    """
    share = rng.uniform(_MIN_ACTION_SHARE, 0.97)
    num_frames = int(np.clip(round(duration / share), min_frames,
                             max_frames))
    length = min(duration, num_frames - 1.)
    start = rng.uniform(0., num_frames - 1. - length)
    t = np.arange(num_frames, dtype=np.float64)
    lin = np.clip((t - start) / length, 0., 1.)
    speed = rng.uniform(1. - _TIME_WARP, 1. + _TIME_WARP, 5)
    knots = np.concatenate([[0.], np.cumsum(speed)])
    return np.interp(lin, np.linspace(0., 1., 6), knots / knots[-1])


def _idle(num_frames: int, rng: np.random.Generator) -> np.ndarray:
    """Slow idle motion ``(T, C)``: two random sinusoids per channel."""
    t = np.arange(num_frames, dtype=np.float64)[:, None, None]
    period = rng.uniform(30., 150., (1, 2, len(_CHANNELS)))
    phase = rng.uniform(0., 2. * np.pi, (1, 2, len(_CHANNELS)))
    weight = rng.normal(0., 0.7, (1, 2, len(_CHANNELS)))
    wave = (weight * np.sin(2. * np.pi * t / period + phase)).sum(1)
    return wave * _IDLE_AMPLITUDE


def _step(pose: _Pose, rng: np.random.Generator) -> None:
    """A small step of the whole body (0.1 to 0.3 m, turning a little)."""
    t = np.linspace(0., 1., len(pose.data))
    a = rng.uniform(0., 0.75)
    b = a + rng.uniform(0.15, 0.25)
    w = _ramp(t, a, b)
    dist, angle = rng.uniform(0.1, 0.3), rng.uniform(0., 2. * np.pi)
    pose['fwd'] += dist * np.cos(angle) * w
    pose['side'] += dist * np.sin(angle) * w
    pose['yaw'] += rng.uniform(-20., 20.) * w
    leg = 'lr'[int(rng.integers(2))]
    lift = _bump(t, a, 0.5 * (a + b), 0.5 * (a + b), b)
    pose[f'{leg}_hip_flex'] += rng.uniform(15., 25.) * lift
    pose[f'{leg}_knee'] += rng.uniform(25., 40.) * lift


def _free_arms(pose: _Pose, rng: np.random.Generator) -> None:
    """Draw the posture of the arms when the action does not use them."""
    names = list(_ARM_STATES)
    prob = np.array([_ARM_STATES[n][1] for n in names])
    left = names[rng.choice(len(names), p=prob)]
    same = rng.random() < 0.7
    right = left if same else names[rng.choice(len(names), p=prob)]
    for side, state in (('l', left), ('r', right)):
        pose.arms[side] = state
        for channel, value in zip(('sh_plane', 'sh_elev', 'sh_twist',
                                   'elbow'), _ARM_STATES[state][0]):
            pose[f'{side}_{channel}'] = value + rng.uniform(-6., 6.)


def _perform(seed: int, subjects: Sequence[dict], subject: int,
             replication: int, action: str, facing: float,
             min_frames: int, max_frames: int) -> np.ndarray:
    """3D joints of one performance in room coordinates.

    Args:
        seed (int): Dataset seed.
        subjects (Sequence[dict]): The performer, then the partner of an
            interaction (see :func:`_make_subject`).
        subject, replication (int): Ids of the performance.
        action (str): Class name.
        facing (float): Yaw (degrees) that faces the camera of this
            replication.
        min_frames, max_frames (int): Range of the frame count.

    Returns:
        np.ndarray: ``(M, T, V, 3)`` float64, ``M = 1`` or ``2``.
    """
    rng = np.random.default_rng(
        (seed, _STREAM_PERFORMANCE, subject, replication,
         SYNTHETIC_CLASSES.index(action)))
    template, nominal, distance = _ACTIONS[action]
    style = subjects[0]
    duration = nominal * style['speed'] * rng.uniform(0.8, 1.25)
    u = _timing(duration, min_frames, max_frames, rng)
    num_frames = len(u)
    amp = style['amp'] * rng.uniform(0.85, 1.15)
    poses = []
    for body in subjects:
        pose = _Pose(_REST_POSE + body['posture'], num_frames)
        _free_arms(pose, rng)
        pose.data += _idle(num_frames, rng)
        poses.append(pose)

    # where the person stands and which way it faces (degrees about y)
    yaw = facing + rng.uniform(-_YAW_JITTER, _YAW_JITTER)
    centre = np.array([rng.uniform(-0.3, 0.3), 0., rng.uniform(-0.3, 0.3)])
    if distance is None:
        places = [(yaw, centre)]
        contacts = template(poses, u, rng, amp)
    else:
        # face to face, the line between them across the facing direction
        start = rng.uniform(*distance)
        pair = yaw + rng.choice((-90., 90.))
        heading = np.array([np.sin(np.deg2rad(pair)), 0.,
                            np.cos(np.deg2rad(pair))])
        places = [(pair, centre - 0.5 * start * heading),
                  (pair + 180., centre + 0.5 * start * heading)]
        contacts = template(poses, u, rng, amp, distance=start)
    if action in _FREE_LEG_CLASSES and rng.random() < _STEP_PROB:
        _step(poses[0], rng)
    out = []
    for body, pose, (body_yaw, origin), (support, anchor) in zip(
            subjects, poses, places, contacts):
        joints = _forward_kinematics(body['offsets'], pose.data)
        joints = _place_on_floor(joints, pose.data, support, anchor)
        out.append(joints @ _rot('y', np.array(body_yaw)).T + origin)
    return np.stack(out)


def _view(joints: np.ndarray, camera: dict, rng: np.random.Generator,
          noise_std: float, drop_joint_prob: float) -> np.ndarray:
    """Film room-frame joints ``(M, T, V, 3)`` with a camera.

    Adds Gaussian jitter and drops joints (zeros for 1 to 8 frames) with
    probability ``drop_joint_prob`` per body, joint and view.
    """
    kp = (joints - camera['position']) @ camera['rotation'].T
    if noise_std > 0:
        kp = kp + rng.normal(0., noise_std, kp.shape)
    if drop_joint_prob > 0:
        M, T, V, _ = kp.shape
        drop = rng.random((M, V)) < drop_joint_prob
        length = rng.integers(1, 9, (M, V))
        start = rng.integers(0, T, (M, V))
        t = np.arange(T)[None, :, None]
        mask = (drop[:, None] & (t >= start[:, None])
                & (t < (start + length)[:, None]))
        kp[mask] = 0.
    return kp.astype(np.float32)


def _check_int(name: str, value, minimum: int,
               maximum: Optional[int] = None) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(
            value, (int, np.integer)):
        raise ValueError(f'{name} must be an integer, got {value!r}')
    if value < minimum or (maximum is not None and value > maximum):
        bound = f'>= {minimum}' if maximum is None else \
            f'in [{minimum}, {maximum}]'
        raise ValueError(f'{name} must be {bound}, got {value}')
    return int(value)


def _check_float(name: str, value, minimum: float,
                 maximum: float = math.inf) -> float:
    if isinstance(value, bool) or not isinstance(
            value, (int, float, np.integer, np.floating)):
        raise ValueError(f'{name} must be a number, got {value!r}')
    if not minimum <= value <= maximum:
        raise ValueError(
            f'{name} must be in [{minimum}, {maximum}], got {value}')
    return float(value)


def _resolve_classes(classes) -> List[str]:
    if classes is None:
        return list(SYNTHETIC_CLASSES)
    if isinstance(classes, (str, bytes)) or not isinstance(
            classes, Sequence) or len(classes) == 0:
        raise ValueError('classes must be a non-empty sequence of class '
                         f'names or indices, got {classes!r}')
    names = []
    for c in classes:
        if isinstance(c, (int, np.integer)) and not isinstance(c, bool):
            if not 0 <= c < len(SYNTHETIC_CLASSES):
                raise ValueError(f'classes: index {c} is out of range '
                                 f'[0, {len(SYNTHETIC_CLASSES)})')
            c = SYNTHETIC_CLASSES[c]
        if c not in SYNTHETIC_CLASSES:
            raise ValueError(f'classes: unknown class {c!r}; known classes: '
                             f'{SYNTHETIC_CLASSES}')
        names.append(c)
    if len(set(names)) != len(names):
        raise ValueError(f'classes has duplicates: {classes!r}')
    return names


def generate_synthetic_dataset(
        num_subjects: int = 16,
        repeats: int = 2,
        seed: int = 0,
        num_cameras: int = 3,
        min_frames: int = 40,
        max_frames: int = 100,
        noise_std: float = 0.01,
        drop_joint_prob: float = 0.02,
        classes: Optional[Sequence[Union[str, int]]] = None) -> dict:
    """Generate the synthetic skeleton action dataset.

    The dataset has ``num_subjects * repeats * len(classes) * num_cameras``
    samples (1344 by default, generated in about a second): every subject
    performs every action ``repeats`` times, each performance filmed by
    ``num_cameras`` cameras.

    Args:
        num_subjects (int): Number of subjects (performers), >= 2. Two
            consecutive subjects share a setup (camera height and distance).
        repeats (int): Replications of each action by each subject, >= 1.
            Odd replications face camera 2, even ones camera 3.
        seed (int): Seed (>= 0). Same seed and arguments -> bit-identical
            arrays.
        num_cameras (int): 1 to 3: cameras ``1..num_cameras`` (camera 1 is
            the 0 degree one, cameras 2 and 3 are at -45 and +45 degrees).
            With one camera ``xview_train`` is empty.
        min_frames (int): Shortest sequence, >= 10.
        max_frames (int): Longest sequence, >= ``min_frames``. The length
            depends on the action, the subject's speed and chance.
        noise_std (float): Standard deviation (metres) of the Gaussian
            jitter of the coordinates, >= 0.
        drop_joint_prob (float): Probability, per view, body and joint, of
            a dropout of 1 to 8 frames during which the joint's coordinates
            are 0, in [0, 1].
        classes (Sequence[str | int], optional): Subset of
            :data:`SYNTHETIC_CLASSES` (names or indices) to generate; the
            label of a sample is the index of its class in ``classes`` and
            the ``A`` field of ``frame_dir`` is ``label + 1``. Defaults to
            all classes.

    Returns:
        dict: ``{'split': {'xsub_train', 'xsub_val', 'xview_train',
        'xview_val'}: [frame_dir, ...], 'annotations': [dict, ...]}``.
        Each annotation has:

        - ``frame_dir`` (str): ``SsssCcccPpppRrrrAaaa`` (setup, camera,
          performer, replication, action = label + 1), unique.
        - ``label`` (int): 0-based class index.
        - ``keypoint`` (np.ndarray): ``(M, T, 25, 3)`` float32 Kinect v2
          joints (NTU RGB+D order) in the camera frame, metres; ``M = 2``
          for :data:`TWO_PERSON_CLASSES` (the initiator first), else 1.
        - ``total_frames`` (int): ``T``.
        - ``subject``, ``camera``, ``setup``, ``replication`` (int).
        - ``performance`` (str): ``frame_dir`` without the camera field,
          shared by the views of one performance.

        ``xsub``: subjects :func:`xsub_train_subjects` train, the others
        validate; ``xview``: cameras 2 and 3 train, camera 1 validates.
    """
    num_subjects = _check_int('num_subjects', num_subjects, 2)
    repeats = _check_int('repeats', repeats, 1)
    seed = _check_int('seed', seed, 0)
    num_cameras = _check_int('num_cameras', num_cameras, 1, 3)
    min_frames = _check_int('min_frames', min_frames, 10)
    max_frames = _check_int('max_frames', max_frames, min_frames)
    noise_std = _check_float('noise_std', noise_std, 0.)
    drop_joint_prob = _check_float('drop_joint_prob', drop_joint_prob, 0.,
                                   1.)
    names = _resolve_classes(classes)

    cameras = tuple(range(1, num_cameras + 1))
    subjects = {s: _make_subject(seed, s) for s in range(1, num_subjects + 1)}
    train_subjects = set(xsub_train_subjects(num_subjects))
    partner = {}
    for half in (sorted(train_subjects),
                 sorted(set(subjects) - train_subjects)):
        for i, s in enumerate(half):
            partner[s] = half[(i + 1) % len(half)]
    annotations = []
    split = dict(xsub_train=[], xsub_val=[], xview_train=[], xview_val=[])
    for s in range(1, num_subjects + 1):
        setup = _setup_of(s)
        rig = _make_cameras(seed, setup)
        for r in range(1, repeats + 1):
            facing = _facing_yaw(rig[2 if r % 2 else 3])
            for label, name in enumerate(names):
                bodies = [subjects[s]]
                if name in TWO_PERSON_CLASSES:
                    # the partner: the next subject of the same xsub half
                    bodies.append(subjects[partner[s]])
                joints = _perform(seed, bodies, s, r, name, facing,
                                  min_frames, max_frames)
                performance = f'S{setup:03d}P{s:03d}R{r:03d}A{label + 1:03d}'
                for cam in cameras:
                    rng = np.random.default_rng(
                        (seed, _STREAM_VIEW, s, r,
                         SYNTHETIC_CLASSES.index(name), cam))
                    kp = _view(joints, rig[cam], rng, noise_std,
                               drop_joint_prob)
                    frame_dir = (f'S{setup:03d}C{cam:03d}P{s:03d}R{r:03d}'
                                 f'A{label + 1:03d}')
                    annotations.append(dict(
                        frame_dir=frame_dir, label=label, keypoint=kp,
                        total_frames=int(kp.shape[1]), subject=s,
                        camera=cam, setup=setup, replication=r,
                        performance=performance))
                    split['xsub_train' if s in train_subjects
                          else 'xsub_val'].append(frame_dir)
                    split['xview_val' if cam == 1
                          else 'xview_train'].append(frame_dir)
    return dict(split=split, annotations=annotations)
