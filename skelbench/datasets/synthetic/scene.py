"""The scene: subjects, camera setups, and filming a performance.

Each subject has a body size (global bone length scale and a per-segment
variation), a posture and a personal style (speed and amplitude of its
movements). Two consecutive subjects share a setup: a rig of three
cameras at horizontal angles 0, -45 and +45 degrees around the performers
(:data:`CAMERA_AZIMUTHS`), whose height and distance depend on the setup.
:func:`film` projects a performance into one camera and adds the
camera's sensor noise (Gaussian jitter) and dropped joints (coordinates
set to 0 for a few frames, as the Kinect does).

Coordinates are Kinect v2 camera space, in metres: right-handed, ``y`` up,
``z`` the depth away from the camera and ``x`` pointing to the right hand
of a person who faces the camera (so the right shoulder of a frontal
subject has the larger ``x``, as in NTU RGB+D).
"""
from typing import Dict, Tuple

import numpy as np
from scipy.ndimage import convolve1d

from ..geometry import axis_rotation_matrix as _rot
from ..geometry import look_at_rotation
from .kinematics import CHANNEL_INDEX, CHANNELS, NUM_JOINTS, REST_OFFSETS, \
    SEGMENTS
from .random_streams import STREAM_SETUP, STREAM_SUBJECT, stream_rng

#: Horizontal angle (degrees) of each camera around the performers, as the
#: -45 / 0 / +45 degree rig of NTU RGB+D. Camera 1 is in the middle, so it
#: always sees the subject at 45 degrees; cameras 2 and 3 see front and
#: side views (the subject faces camera 2, then camera 3).
CAMERA_AZIMUTHS = {1: 0.0, 2: -45.0, 3: 45.0}

# Range of the camera heights (metres; NTU RGB+D's setups range from 0.5
# to 2.7 m) and of their distances to the performers.
CAMERA_HEIGHT = (0.5, 2.5)
CAMERA_DISTANCE = (2.6, 3.4)


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


def make_subject(seed: int, subject: int) -> dict:
    """Body size, posture and style of a subject."""
    rng = stream_rng(seed, STREAM_SUBJECT, subject)
    scale = float(np.clip(rng.normal(1., 0.06), 0.86, 1.14))
    bone = np.full(NUM_JOINTS, scale)
    for joints in SEGMENTS:
        bone[list(joints)] *= np.clip(rng.normal(1., 0.04), 0.9, 1.1)
    bone *= np.clip(rng.normal(1., 0.01, NUM_JOINTS), 0.97, 1.03)
    posture = np.zeros(len(CHANNELS))
    for name, std in dict(spine_flex=3., chest_flex=3., neck_flex=5.,
                          pelvis_flex=2., l_elbow=4., r_elbow=4.,
                          l_sh_elev=3., r_sh_elev=3., l_hip_abd=2.,
                          r_hip_abd=2.).items():
        posture[CHANNEL_INDEX[name]] = rng.normal(0., std)
    return dict(offsets=REST_OFFSETS * bone[:, None],
                posture=posture,
                speed=float(rng.uniform(0.8, 1.25)),
                amp=float(rng.uniform(0.85, 1.15)))


def setup_of(subject: int) -> int:
    """Setup id (1-based) of a subject: two consecutive subjects a setup."""
    return (subject - 1) // 2 + 1


def make_cameras(seed: int, setup: int) -> Dict[int, dict]:
    """Camera rig of a setup: ``{camera: dict(position, rotation)}``.

    ``rotation`` is ``(3, 3)`` with the camera axes as rows, so that
    ``(p - position) @ rotation.T`` maps room points to the camera frame.
    The room has ``y`` up and the performers around the origin.
    """
    rng = stream_rng(seed, STREAM_SETUP, setup)
    height = rng.uniform(*CAMERA_HEIGHT)
    distance = rng.uniform(*CAMERA_DISTANCE)
    rig = {}
    for cam in (1, 2, 3):
        azim = np.deg2rad(CAMERA_AZIMUTHS[cam] + rng.uniform(-3., 3.))
        dist = distance + rng.uniform(-0.15, 0.15)
        pos = np.array([dist * np.sin(azim), height + rng.uniform(-.05, .05),
                        -dist * np.cos(azim)])
        target = np.array([rng.uniform(-0.2, 0.2), rng.uniform(0.7, 1.1),
                           rng.uniform(-0.2, 0.2)])
        axes = look_at_rotation(pos, target)
        roll = _rot('z', np.array(rng.normal(0., 1.5)))
        rig[cam] = dict(position=pos, rotation=roll @ axes)
    return rig


def facing_yaw(camera: dict) -> float:
    """Yaw (degrees) of a body at the origin that faces ``camera``."""
    x, _, z = camera['position']
    return float(np.rad2deg(np.arctan2(x, z)))


def tracking_noise(shape: Tuple[int, ...], rng: np.random.Generator,
                   std: float, frames: float) -> np.ndarray:
    """Temporally correlated noise ``(M, T, V, 3)`` along axis 1.

    White Gaussian noise smoothed by a Gaussian kernel of ``frames``
    standard deviation and scaled to standard deviation ``std``: errors
    of a skeleton tracker that persist over several frames (its joints
    drift and its bones stretch) rather than flicker from frame to frame.
    """
    radius = int(np.ceil(3. * frames))
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    kernel = np.exp(-0.5 * (x / frames) ** 2)
    kernel /= np.sqrt((kernel ** 2).sum())  # unit output variance
    M, T, V, C = shape
    white = rng.normal(0., 1., (M, T + 2 * radius, V, C))
    return std * convolve1d(white, kernel, axis=1, mode='constant')[
        :, radius:radius + T]


def film(joints: np.ndarray, camera: dict, rng: np.random.Generator,
         noise_std: float, drop_joint_prob: float,
         tracking_noise_std: float = 0.,
         tracking_noise_frames: float = 3.) -> np.ndarray:
    """Film room-frame joints ``(M, T, V, 3)`` with a camera.

    Adds Gaussian jitter (``noise_std``, independent per frame), drops
    joints (zeros for 1 to 8 frames) with probability ``drop_joint_prob``
    per body, joint and view, and adds :func:`tracking_noise`
    (``tracking_noise_std``, correlated over ``tracking_noise_frames``).
    """
    kp = (joints - camera['position']) @ camera['rotation'].T
    if noise_std > 0:
        kp = kp + rng.normal(0., noise_std, kp.shape)
    mask = None
    if drop_joint_prob > 0:
        M, T, V, _ = kp.shape
        drop = rng.random((M, V)) < drop_joint_prob
        length = rng.integers(1, 9, (M, V))
        start = rng.integers(0, T, (M, V))
        t = np.arange(T)[None, :, None]
        mask = (drop[:, None] & (t >= start[:, None])
                & (t < (start + length)[:, None]))
    if tracking_noise_std > 0:
        kp = kp + tracking_noise(kp.shape, rng, tracking_noise_std,
                                 tracking_noise_frames)
    if mask is not None:
        kp[mask] = 0.
    return kp.astype(np.float32)
