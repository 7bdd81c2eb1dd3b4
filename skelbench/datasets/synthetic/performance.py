"""A performance: the 3D motion of one subject (or pair) doing an action.

For a subject, replication and action the trajectories of the pose
channels are built from the action's template (:mod:`.actions`) with
random timing (onset, duration, time warp), amplitude, start phase,
number of repetitions, an idle motion, a resting posture of the arms the
action leaves free (hanging, hands on the hips, arms crossed, ...),
sometimes a small step and, when asked for, the secondary motion of the
rest of the body (:func:`secondary_motion`). Forward kinematics turns them into 3D joint
positions (:mod:`.kinematics`). The feet stay on the floor and the person
stands at a random place and orientation in the room, facing a given
direction; two-person interactions put two actors face to face.
"""
from typing import Sequence

import numpy as np

from ..geometry import axis_rotation_matrix as _rot
from .actions import ACTIONS, FREE_LEG_CLASSES, STEP_PROB, SYNTHETIC_CLASSES
from .envelopes import bump, ramp
from .kinematics import (CHANNELS, REST_POSE, PoseTrack, forward_kinematics,
                         place_on_floor, pose_vector)
from .random_streams import (STREAM_PERFORMANCE, STREAM_SECONDARY,
                             stream_rng)

# Variation of a performance: shortest share of the sequence the action
# fills, strength of the time warp, orientation of the person around the
# direction of the camera it faces (+-degrees).
MIN_ACTION_SHARE = 0.2
TIME_WARP = 0.8
YAW_JITTER = 45.

# Amplitude (degrees, metres for translations) of the idle motion.
IDLE_AMPLITUDE = pose_vector(
    1., yaw=2., spine_flex=1.5, spine_lat=1.5, spine_rot=2., chest_rot=2.,
    neck_flex=3., neck_rot=4., l_sh_plane=4., l_sh_elev=3., l_sh_twist=4.,
    l_elbow=4., l_wrist=3., r_sh_plane=4., r_sh_elev=3., r_sh_twist=4.,
    r_elbow=4., r_wrist=3., l_ankle=0., r_ankle=0., fwd=0.01, side=0.01,
    lift=0.)

# Amplitude (degrees, standard deviation per coupling) of the secondary
# motion of each joint angle at ``secondary_motion=1``; the elbows and
# knees only flex further.
SECONDARY_AMPLITUDE = pose_vector(
    0., pelvis_flex=4., pelvis_roll=3., spine_flex=5., spine_lat=4.,
    spine_rot=6., chest_flex=4., chest_lat=4., chest_rot=6., neck_flex=8.,
    neck_rot=10., l_sh_plane=10., l_sh_elev=10., l_sh_twist=8.,
    l_elbow=12., l_wrist=8., r_sh_plane=10., r_sh_elev=10., r_sh_twist=8.,
    r_elbow=12., r_wrist=8., l_hip_flex=4., l_hip_abd=2., l_knee=6.,
    l_ankle=0., r_hip_flex=4., r_hip_abd=2., r_knee=6., r_ankle=0.)
_FLEX_ONLY = np.array([CHANNELS.index(c) for c in
                       ('l_elbow', 'r_elbow', 'l_knee', 'r_knee')])
_ANGLES = np.array([i for i, c in enumerate(CHANNELS)
                    if c not in ('yaw', 'fwd', 'side', 'lift')])


# Postures of an arm that an action does not use (shoulder plane,
# elevation, twist, elbow flexion; left arm, the right one is mirrored),
# found by inverse kinematics on the rest skeleton, and their probability.
ARM_STATES = {
    'hang': ((25., 8., 0., 12.), 0.4),
    'hips': ((-59., -41., 8., 84.), 0.15),      # hand on the hip
    'crossed': ((-11., 33., -57., 104.), 0.15),  # hand at the other elbow
    'behind': ((-19., -33., -50., 63.), 0.15),   # hands behind the back
    'front': ((-16., 5., -23., 62.), 0.15),      # hands joined in front
}


def timing(duration: float, min_frames: int, max_frames: int,
           rng: np.random.Generator,
           min_share: float = MIN_ACTION_SHARE) -> np.ndarray:
    """Action progress of a performance, one value per frame.

    The action lasts about ``duration`` frames and fills a random share
    (``U[min_share, 0.97]``) of the sequence (idle before and after it),
    which sets the frame count ``T`` (clipped to ``[min_frames,
    max_frames]``); it starts at a random
    frame and its speed varies (monotonic piecewise linear time warp).

    Returns:
        np.ndarray: Progress ``u`` of shape ``(T,)``, from 0 (before the
        action) to 1 (after it).
    """
    share = rng.uniform(min_share, 0.97)
    num_frames = int(np.clip(round(duration / share), min_frames,
                             max_frames))
    length = min(duration, num_frames - 1.)
    start = rng.uniform(0., num_frames - 1. - length)
    t = np.arange(num_frames, dtype=np.float64)
    lin = np.clip((t - start) / length, 0., 1.)
    speed = rng.uniform(1. - TIME_WARP, 1. + TIME_WARP, 5)
    knots = np.concatenate([[0.], np.cumsum(speed)])
    return np.interp(lin, np.linspace(0., 1., 6), knots / knots[-1])


def idle_motion(num_frames: int, rng: np.random.Generator) -> np.ndarray:
    """Slow idle motion ``(T, C)``: two random sinusoids per channel."""
    t = np.arange(num_frames, dtype=np.float64)[:, None, None]
    period = rng.uniform(30., 150., (1, 2, len(CHANNELS)))
    phase = rng.uniform(0., 2. * np.pi, (1, 2, len(CHANNELS)))
    weight = rng.normal(0., 0.7, (1, 2, len(CHANNELS)))
    wave = (weight * np.sin(2. * np.pi * t / period + phase)).sum(1)
    return wave * IDLE_AMPLITUDE


def small_step(pose: PoseTrack, rng: np.random.Generator) -> None:
    """A small step of the whole body (0.1 to 0.3 m, turning a little)."""
    t = np.linspace(0., 1., len(pose.data))
    a = rng.uniform(0., 0.75)
    b = a + rng.uniform(0.15, 0.25)
    w = ramp(t, a, b)
    dist, angle = rng.uniform(0.1, 0.3), rng.uniform(0., 2. * np.pi)
    pose['fwd'] += dist * np.cos(angle) * w
    pose['side'] += dist * np.sin(angle) * w
    pose['yaw'] += rng.uniform(-20., 20.) * w
    leg = 'lr'[int(rng.integers(2))]
    lift = bump(t, a, 0.5 * (a + b), 0.5 * (a + b), b)
    pose[f'{leg}_hip_flex'] += rng.uniform(15., 25.) * lift
    pose[f'{leg}_knee'] += rng.uniform(25., 40.) * lift


def free_arms(pose: PoseTrack, rng: np.random.Generator) -> None:
    """Draw the posture of the arms when the action does not use them."""
    names = list(ARM_STATES)
    prob = np.array([ARM_STATES[n][1] for n in names])
    left = names[rng.choice(len(names), p=prob)]
    same = rng.random() < 0.7
    right = left if same else names[rng.choice(len(names), p=prob)]
    for side, state in (('l', left), ('r', right)):
        pose.arms[side] = state
        for channel, value in zip(('sh_plane', 'sh_elev', 'sh_twist',
                                   'elbow'), ARM_STATES[state][0]):
            pose[f'{side}_{channel}'] = value + rng.uniform(-6., 6.)


def secondary_motion(delta: np.ndarray, rng: np.random.Generator,
                     strength: float) -> np.ndarray:
    """How the rest of the body moves with an action: ``(T, C)``.

    Real performers do not move one limb alone: the trunk leans and
    turns, the head follows, the free arm and the knees shift, a little
    before or after the main movement and differently for every person and
    repetition. With the action's activation ``a(t)`` (norm of the joint
    angle change ``delta`` that the template made, scaled to a peak of 1),
    every joint angle ``c`` gets

        sum_k  w_kc * a(t - lag_kc) (*) g_kc,   k = 1, 2

    with ``w_kc ~ N(0, (strength * SECONDARY_AMPLITUDE_c)^2)`` (``|w|`` for
    elbows and knees), one lag ``U[-6, 0]`` (anticipation) and one
    ``U[0, 10]`` frames (follow-through), and ``g_kc`` a Gaussian
    smoothing of ``U[1, 5]`` frames.

    Args:
        delta (np.ndarray): ``(T, C)`` pose change made by the action.
        rng (np.random.Generator): The performance's secondary stream.
        strength (float): Scale of :data:`SECONDARY_AMPLITUDE`.
    """
    num_frames, num_channels = delta.shape
    act = np.linalg.norm(delta[:, _ANGLES], axis=1)
    out = np.zeros_like(delta)
    if act.max() <= 1e-6 or strength <= 0.:
        return out
    act = act / act.max()
    t = np.arange(num_frames, dtype=np.float64)
    kernel_t = np.arange(-15., 16.)
    for low, high in ((-6., 0.), (0., 10.)):
        lag = rng.uniform(low, high, num_channels)
        width = rng.uniform(1., 5., num_channels)
        weight = rng.normal(0., 1., num_channels) * SECONDARY_AMPLITUDE
        weight[_FLEX_ONLY] = np.abs(weight[_FLEX_ONLY])
        shifted = np.interp(t[:, None] - lag[None], t, act)  # (T, C)
        kernel = np.exp(-0.5 * (kernel_t[:, None] / width[None]) ** 2)
        kernel /= kernel.sum(0, keepdims=True)
        padded = np.pad(shifted, ((15, 15), (0, 0)), mode='edge')
        smooth = np.stack([np.convolve(padded[:, c], kernel[:, c], 'valid')
                           for c in range(num_channels)], axis=1)
        out += strength * weight * smooth
    return out


def perform(seed: int, subjects: Sequence[dict], subject: int,
            replication: int, action: str, facing: float,
            min_frames: int, max_frames: int,
            min_action_share: float = MIN_ACTION_SHARE,
            secondary: float = 0.) -> np.ndarray:
    """3D joints of one performance in room coordinates.

    Args:
        seed (int): Dataset seed.
        subjects (Sequence[dict]): The performer, then the partner of an
            interaction (see :func:`make_subject`).
        subject, replication (int): Ids of the performance.
        action (str): Class name.
        facing (float): Yaw (degrees) that faces the camera of this
            replication.
        min_frames, max_frames (int): Range of the frame count.
        min_action_share (float): Smallest share of the frames the action
            fills (see :func:`timing`).
        secondary (float): Strength of the secondary motion of the body
            (:func:`secondary_motion`); 0 = none (and no draw from its
            stream, so the other draws do not change).

    Returns:
        np.ndarray: ``(M, T, V, 3)`` float64, ``M = 1`` or ``2``.
    """
    rng = stream_rng(seed, STREAM_PERFORMANCE, subject, replication,
                     SYNTHETIC_CLASSES.index(action))
    template, nominal, distance = ACTIONS[action]
    style = subjects[0]
    duration = nominal * style['speed'] * rng.uniform(0.8, 1.25)
    u = timing(duration, min_frames, max_frames, rng, min_action_share)
    num_frames = len(u)
    amp = style['amp'] * rng.uniform(0.85, 1.15)
    poses = []
    for body in subjects:
        pose = PoseTrack(REST_POSE + body['posture'], num_frames)
        free_arms(pose, rng)
        pose.data += idle_motion(num_frames, rng)
        poses.append(pose)
    unmoved = [pose.data.copy() for pose in poses]

    # where the person stands and which way it faces (degrees about y)
    yaw = facing + rng.uniform(-YAW_JITTER, YAW_JITTER)
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
    if action in FREE_LEG_CLASSES and rng.random() < STEP_PROB:
        small_step(poses[0], rng)
    if secondary > 0.:
        for i, (pose, before) in enumerate(zip(poses, unmoved)):
            srng = stream_rng(seed, STREAM_SECONDARY, subject, replication,
                              SYNTHETIC_CLASSES.index(action), i)
            pose.data += secondary_motion(pose.data - before, srng,
                                          secondary)
    out = []
    for body, pose, (body_yaw, origin), (support, anchor) in zip(
            subjects, poses, places, contacts):
        joints = forward_kinematics(body['offsets'], pose.data)
        joints = place_on_floor(joints, pose.data, support, anchor)
        out.append(joints @ _rot('y', np.array(body_yaw)).T + origin)
    return np.stack(out)
