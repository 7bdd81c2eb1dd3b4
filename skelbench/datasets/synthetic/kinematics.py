"""The body model: a 25-joint kinematic chain driven by pose channels.

Body frame: x = the person's left, y = up, z = the person's forward
direction (right-handed). The kinematic tree is the NTU RGB+D bone tree
(``get_layout('nturgb+d')``) rooted at the spine base (joint 0); the hand
tip and thumb hang from the hand. A pose is a ``(T, C)`` array over the
:data:`CHANNELS` (joint angles in degrees, root translations in metres);
:func:`forward_kinematics` turns it into joint positions, vectorised over
frames (one rotation matrix per joint and frame).
"""
from typing import Dict

import numpy as np

from ..geometry import axis_rotation_matrix as _rot

NUM_JOINTS = 25

# Parent of each joint, and an order that visits parents first.
FK_PARENTS = (-1, 0, 20, 2, 20, 4, 5, 6, 20, 8, 9, 10, 0, 12, 13, 14, 0,
              16, 17, 18, 1, 7, 7, 11, 11)
FK_ORDER = (0, 1, 20, 2, 3, 4, 5, 6, 7, 21, 22, 8, 9, 10, 11, 23, 24, 12,
            13, 14, 15, 16, 17, 18, 19)

# Offset (metres) of each joint from its parent in the rest pose of an
# average adult (about 1.72 m tall), body frame.
REST_OFFSETS = np.array([
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
SEGMENTS = (
    (1, 20), (2, 3), (4, 8), (5, 9), (6, 10), (7, 11, 21, 22, 23, 24),
    (12, 16), (13, 17), (14, 18), (15, 19))
FOOT_JOINTS = {'both': (14, 15, 18, 19), 'left': (14, 15), 'right': (18, 19)}
ANKLES = {'both': (14, 18), 'left': (14,), 'right': (18,)}

# Pose channels: joint angles in degrees, then root translations in metres
# (body frame of the first frame: ``fwd`` = forward, ``side`` = left,
# ``lift`` = up, added on top of the foot contact).
CHANNELS = (
    'yaw', 'pelvis_flex', 'pelvis_roll', 'spine_flex', 'spine_lat',
    'spine_rot', 'chest_flex', 'chest_lat', 'chest_rot', 'neck_flex',
    'neck_rot', 'l_sh_plane', 'l_sh_elev', 'l_sh_twist', 'l_elbow',
    'l_wrist', 'r_sh_plane', 'r_sh_elev', 'r_sh_twist', 'r_elbow', 'r_wrist',
    'l_hip_flex', 'l_hip_abd', 'l_knee', 'l_ankle', 'r_hip_flex',
    'r_hip_abd', 'r_knee', 'r_ankle', 'fwd', 'side', 'lift')
CHANNEL_INDEX = {name: i for i, name in enumerate(CHANNELS)}


def pose_vector(default: float = 0., **values: float) -> np.ndarray:
    """A ``(C,)`` vector over the pose channels, ``default`` elsewhere."""
    vec = np.full(len(CHANNELS), default)
    for name, value in values.items():
        vec[CHANNEL_INDEX[name]] = value
    return vec


# Rest pose: arms hanging (shoulder plane 0 = forward, 90 = lateral;
# elevation 0 = hanging, 90 = horizontal, 180 = overhead).
REST_POSE = pose_vector(
    l_sh_plane=25., l_sh_elev=8., l_elbow=12., r_sh_plane=25., r_sh_elev=8.,
    r_elbow=12., l_hip_abd=3., r_hip_abd=3., l_knee=3., r_knee=3.)


class PoseTrack:
    """``(T, C)`` pose array with channel access by name (views).

    ``arms`` names the posture (``performance.ARM_STATES``) of each arm
    that the action leaves free.
    """

    def __init__(self, base: np.ndarray, num_frames: int):
        self.data = np.tile(base, (num_frames, 1))
        self.arms = dict(l='hang', r='hang')

    def __getitem__(self, name: str) -> np.ndarray:
        return self.data[:, CHANNEL_INDEX[name]]

    def __setitem__(self, name: str, value) -> None:
        self.data[:, CHANNEL_INDEX[name]] = value

    def towards(self, name: str, target, weight: np.ndarray) -> None:
        """Blend channel ``name`` towards ``target`` with ``weight``."""
        self[name] = self[name] + (target - self[name]) * weight

    def arm(self, side: str, weight: np.ndarray, plane, elev, elbow,
            twist=0.) -> None:
        """Blend arm ``side`` (``'l'``/``'r'``) towards a posture."""
        for channel, value in (('sh_plane', plane), ('sh_elev', elev),
                               ('sh_twist', twist), ('elbow', elbow)):
            self.towards(f'{side}_{channel}', value, weight)


def local_rotations(pose: np.ndarray) -> Dict[int, np.ndarray]:
    """Joint rotations ``{joint: (T, 3, 3)}`` from a pose ``(T, C)``.

    The rotation of a joint turns the bones to its children, expressed in
    its parent's frame. Hip flexion is the thigh's angle to the trunk's
    vertical plus the pelvis flexion, so that ``*_hip_flex`` is the thigh's
    angle to the vertical of the heading frame.
    """
    p = {name: pose[:, i] for name, i in CHANNEL_INDEX.items()}
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


def forward_kinematics(offsets: np.ndarray,
                       pose: np.ndarray) -> np.ndarray:
    """Joint positions relative to the root, body frame.

    Args:
        offsets (np.ndarray): ``(V, 3)`` bone offsets of the subject.
        pose (np.ndarray): ``(T, C)`` pose channels.

    Returns:
        np.ndarray: ``(T, V, 3)`` positions; the root is at the origin.
    """
    T = pose.shape[0]
    rot = local_rotations(pose)
    glob = [None] * NUM_JOINTS
    pos = np.zeros((NUM_JOINTS, T, 3))
    for j in FK_ORDER:
        parent = FK_PARENTS[j]
        if parent < 0:
            glob[j] = rot[j]
            continue
        pos[j] = pos[parent] + glob[parent] @ offsets[j]
        glob[j] = glob[parent] @ rot[j] if j in rot else glob[parent]
    return pos.transpose(1, 0, 2)


def place_on_floor(joints: np.ndarray, pose: np.ndarray, support: str,
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
    feet = joints[:, list(FOOT_JOINTS[support]), 1]
    root = np.zeros((joints.shape[0], 3))
    root[:, 1] = 0.015 - feet.min(axis=1) + pose[:, CHANNEL_INDEX['lift']]
    if anchor:
        ankles = joints[:, list(ANKLES[support])][:, :, [0, 2]].mean(1)
        root[:, [0, 2]] = ankles[0] - ankles
    root[:, 0] += pose[:, CHANNEL_INDEX['side']]
    root[:, 2] += pose[:, CHANNEL_INDEX['fwd']]
    return joints + root[:, None]
