"""Sampling the dataset: every subject performs every action, filmed.

:func:`generate_synthetic_dataset` builds the subjects and camera setups
(:mod:`.scene`), performs every action ``repeats`` times per subject
(:mod:`.performance`; odd replications face camera 2, even ones camera 3,
as in NTU RGB+D) and films each performance with every camera, so the
views of a performance show the same motion in several camera frames.
Returns the standard annotation format (``{'split': ..., 'annotations':
...}``) that NTU RGB+D pickles use.
"""
import math
from typing import List, Optional, Sequence, Union

import numpy as np

from .actions import SYNTHETIC_CLASSES, TWO_PERSON_CLASSES
from .performance import perform
from .random_streams import STREAM_VIEW, stream_rng
from .scene import (facing_yaw, film, make_cameras, make_subject, setup_of,
                    xsub_train_subjects)


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


def check_generator_args(num_subjects, repeats, seed, num_cameras,
                         min_frames, max_frames, noise_std, drop_joint_prob,
                         classes, tracking_noise_std, tracking_noise_frames,
                         min_action_share, secondary_motion=0.) -> dict:
    """The generator arguments of :func:`generate_synthetic_dataset`,
    validated (``ValueError`` naming the argument) and normalised:
    ``classes`` becomes the list of class names."""
    min_frames = _check_int('min_frames', min_frames, 10)
    return dict(
        num_subjects=_check_int('num_subjects', num_subjects, 2),
        repeats=_check_int('repeats', repeats, 1),
        seed=_check_int('seed', seed, 0),
        num_cameras=_check_int('num_cameras', num_cameras, 1, 3),
        min_frames=min_frames,
        max_frames=_check_int('max_frames', max_frames, min_frames),
        noise_std=_check_float('noise_std', noise_std, 0.),
        drop_joint_prob=_check_float('drop_joint_prob', drop_joint_prob, 0.,
                                     1.),
        classes=_resolve_classes(classes),
        tracking_noise_std=_check_float('tracking_noise_std',
                                        tracking_noise_std, 0.),
        tracking_noise_frames=_check_float(
            'tracking_noise_frames', tracking_noise_frames, 0.5, 30.),
        min_action_share=_check_float('min_action_share', min_action_share,
                                      0.05, 0.97),
        secondary_motion=_check_float('secondary_motion', secondary_motion,
                                      0., 5.))


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
        classes: Optional[Sequence[Union[str, int]]] = None,
        tracking_noise_std: float = 0.,
        tracking_noise_frames: float = 3.,
        min_action_share: float = 0.2,
        secondary_motion: float = 0.) -> dict:
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
        tracking_noise_std (float): Standard deviation (metres) of the
            tracker's temporally correlated joint errors
            (:func:`~.scene.tracking_noise`), >= 0.
        tracking_noise_frames (float): Their correlation time (standard
            deviation of the smoothing kernel, frames), in [0.5, 30].
        min_action_share (float): Smallest share of a sequence's frames
            that its action fills (the rest is idle before and after it),
            drawn from ``U[min_action_share, 0.97]``; in [0.05, 0.97].
        secondary_motion (float): Strength of the whole-body motion that
            goes with an action (trunk, head, the other limbs; its own
            random stream, per performer and repetition:
            :func:`~.performance.secondary_motion`), in [0, 5]; 0 = the
            action's joints alone move (with the idle motion).

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
    a = check_generator_args(
        num_subjects=num_subjects, repeats=repeats, seed=seed,
        num_cameras=num_cameras, min_frames=min_frames,
        max_frames=max_frames, noise_std=noise_std,
        drop_joint_prob=drop_joint_prob, classes=classes,
        tracking_noise_std=tracking_noise_std,
        tracking_noise_frames=tracking_noise_frames,
        min_action_share=min_action_share, secondary_motion=secondary_motion)
    num_subjects, repeats, seed = a['num_subjects'], a['repeats'], a['seed']
    names = a['classes']
    film_args = (a['min_frames'], a['max_frames'], a['noise_std'],
                 a['drop_joint_prob'], a['tracking_noise_std'],
                 a['tracking_noise_frames'], a['min_action_share'],
                 a['secondary_motion'])

    cameras = tuple(range(1, a['num_cameras'] + 1))
    subjects = {s: make_subject(seed, s) for s in range(1, num_subjects + 1)}
    train_subjects = set(xsub_train_subjects(num_subjects))
    partner = {}
    for half in (sorted(train_subjects),
                 sorted(set(subjects) - train_subjects)):
        partner.update(partners(half))
    annotations = []
    split = dict(xsub_train=[], xsub_val=[], xview_train=[], xview_val=[])
    for s in range(1, num_subjects + 1):
        rig = make_cameras(seed, setup_of(s))
        for r in range(1, repeats + 1):
            for label, name in enumerate(names):
                bodies = [subjects[s]]
                if name in TWO_PERSON_CLASSES:
                    bodies.append(subjects[partner[s]])
                for ann in film_performance(seed, bodies, s, r, label,
                                            name, rig, cameras, *film_args):
                    annotations.append(ann)
                    frame_dir = ann['frame_dir']
                    split['xsub_train' if s in train_subjects
                          else 'xsub_val'].append(frame_dir)
                    split['xview_val' if ann['camera'] == 1
                          else 'xview_train'].append(frame_dir)
    return dict(split=split, annotations=annotations)


def partners(group: Sequence[int]) -> dict:
    """The interaction partner of every subject of ``group``: the next
    subject of the group (cyclic)."""
    group = sorted(group)
    return {s: group[(i + 1) % len(group)] for i, s in enumerate(group)}


def film_performance(seed: int, bodies: Sequence[dict], subject: int,
                     replication: int, label: int, name: str, rig: dict,
                     cameras: Sequence[int], min_frames: int,
                     max_frames: int, noise_std: float,
                     drop_joint_prob: float, tracking_noise_std: float = 0.,
                     tracking_noise_frames: float = 3.,
                     min_action_share: float = 0.2,
                     secondary_motion: float = 0.) -> List[dict]:
    """One performance of ``name`` by ``bodies`` (the subject, then the
    partner of an interaction), filmed by each of ``cameras`` of ``rig``:
    one annotation per camera (fields: see
    :func:`generate_synthetic_dataset`). Odd replications face camera 2,
    even ones camera 3."""
    setup = setup_of(subject)
    facing = facing_yaw(rig[2 if replication % 2 else 3])
    joints = perform(seed, bodies, subject, replication, name, facing,
                     min_frames, max_frames, min_action_share,
                     secondary_motion)
    performance = (f'S{setup:03d}P{subject:03d}R{replication:03d}'
                   f'A{label + 1:03d}')
    out = []
    for cam in cameras:
        rng = stream_rng(seed, STREAM_VIEW, subject, replication,
                         SYNTHETIC_CLASSES.index(name), cam)
        kp = film(joints, rig[cam], rng, noise_std, drop_joint_prob,
                  tracking_noise_std, tracking_noise_frames)
        out.append(dict(
            frame_dir=(f'S{setup:03d}C{cam:03d}P{subject:03d}'
                       f'R{replication:03d}A{label + 1:03d}'),
            label=label, keypoint=kp, total_frames=int(kp.shape[1]),
            subject=subject, camera=cam, setup=setup,
            replication=replication, performance=performance))
    return out
