"""Statistics of skeleton sequences that tell real data from generated data.

:func:`sequence_statistics` summarises a set of annotations (the standard
format: ``keypoint (M, T, V, C)``, ``label``, optionally ``subject``) with
numbers that a faithful synthetic stand-in for a Kinect dataset must
match. The first actor of every sequence is used; coordinates are divided
by the sequence's body size (mean sum of bone lengths) so that datasets of
different units compare.

* ``frames``: median sequence length.
* ``speed``: mean joint speed (body sizes per frame).
* ``accel_ratio``: mean |second difference| / mean |first difference| of
  joint positions: ~0 for smooth motion, large for frame-to-frame jitter
  (tracking noise).
* ``high_freq_power``: share of the joint-velocity power above a quarter
  of the Nyquist frequency.
* ``idle_fraction``: share of frames whose mean joint speed is below 20 %
  of the dataset's mean frame speed (holding still, waiting).
* ``bone_cv_within``: temporal coefficient of variation of each bone's
  length within a sequence (0 for a rigid body; Kinect bones stretch).
* ``bone_cv_subjects``: coefficient of variation over subjects of the
  subjects' mean bone lengths in body sizes (differences of body
  proportions; overall height is divided out).
* ``facing_std_deg``: circular standard deviation over sequences of the
  body's facing angle about the vertical axis (shoulder line in the
  horizontal plane).
* ``class_spread``: mean distance of a sequence's time-averaged pose to
  its class mean, over the mean distance to the dataset mean (1 = classes
  indistinguishable by mean pose, 0 = every class one pose).
* ``motion_class_spread``: the same for the per-joint mean speed profile.
* ``joint_motion_ratio``: how much of the body moves: the temporal
  standard deviation of each joint's position relative to the root joint,
  divided by that of the sequence's most moving joint; median over joints
  and sequences (small = one limb moves, the rest stands still).
"""
from typing import Dict, Optional, Sequence

import numpy as np


def _first_actor(keypoint: np.ndarray) -> np.ndarray:
    kp = np.asarray(keypoint, dtype=np.float64)
    if kp.ndim != 4 or kp.shape[-1] < 3:
        raise ValueError(f'keypoint must be (M, T, V, C>=3), got {kp.shape}')
    x = kp[0, :, :, :3]
    valid = np.abs(x).sum(axis=(1, 2)) > 0
    return x[valid]


def _circular_std_deg(angles: np.ndarray) -> float:
    r = np.abs(np.mean(np.exp(1j * angles)))
    return float(np.degrees(np.sqrt(-2 * np.log(max(r, 1e-12)))))


def sequence_statistics(annotations: Sequence[dict], parents: Sequence[int],
                        shoulder_line: Optional[Sequence[int]] = None,
                        vertical_dim: int = 1, min_frames: int = 8
                        ) -> Dict[str, float]:
    """Summary statistics of ``annotations`` (see the module docstring).

    Args:
        annotations: dicts with ``keypoint (M, T, V, C)`` and ``label``;
            ``subject`` (any hashable) enables ``bone_cv_subjects``.
        parents: the layout's parent joint of every joint (``-1`` or
            itself for the root).
        shoulder_line: ``(left, right)`` shoulder joints for the facing
            angle; None skips ``facing_std_deg``.
        vertical_dim: coordinate axis pointing up (1 = y, Kinect camera
            frame).
        min_frames: sequences with fewer valid frames are skipped.
    """
    parents = np.asarray(parents)
    child = np.array([j for j, p in enumerate(parents) if p >= 0 and p != j])
    parent = parents[child]
    horizontal = [d for d in range(3) if d != vertical_dim]
    seqs, labels, subjects = [], [], []
    for i, ann in enumerate(annotations):
        x = _first_actor(ann['keypoint'])
        if x.shape[1] != len(parents):
            raise ValueError(f'sample {i} ({ann.get("frame_dir")}): '
                             f'{x.shape[1]} joints, layout has '
                             f'{len(parents)}')
        if len(x) < min_frames or not np.linalg.norm(
                x[:, child] - x[:, parent], axis=-1).sum(1).mean() > 0:
            continue
        seqs.append(x)
        labels.append(int(ann['label']))
        subjects.append(ann.get('subject'))
    if len(seqs) < 2:
        raise ValueError(f'{len(seqs)} sequences with >= {min_frames} '
                         'frames: too few for statistics')
    labels = np.asarray(labels)

    lengths, speeds, accel, hf, frame_speeds = [], [], [], [], []
    bone_cv, bone_means, facing, poses, motion = [], [], [], [], []
    joint_motion = []
    for x in seqs:
        bones = np.linalg.norm(x[:, child] - x[:, parent], axis=-1)  # T, B
        size = bones.sum(1).mean()
        x = x / size
        bones = bones / size
        v = np.diff(x, axis=0)                       # T-1, V, 3
        a = np.diff(x, n=2, axis=0)
        sp = np.linalg.norm(v, axis=-1)              # T-1, V
        lengths.append(len(x))
        speeds.append(sp.mean())
        accel.append(np.linalg.norm(a, axis=-1).mean() /
                     max(sp.mean(), 1e-12))
        power = np.abs(np.fft.rfft(v - v.mean(0), axis=0)) ** 2
        freqs = np.fft.rfftfreq(len(v))              # cycles per frame
        total = power.sum()
        hf.append(power[freqs > 0.125].sum() / total if total > 0 else 0.)
        frame_speeds.append(sp.mean(1))
        bm = bones.mean(0)
        bone_cv.append(np.mean(bones.std(0) / np.maximum(bm, 1e-12)))
        bone_means.append(bm)
        if shoulder_line is not None:
            s = x[:, shoulder_line[1]] - x[:, shoulder_line[0]]
            s = s[:, horizontal].mean(0)
            facing.append(np.arctan2(s[1], s[0]))
        centred = x - x[:, :1]  # relative to the root joint
        poses.append(centred.mean(0).ravel())
        motion.append(sp.mean(0))
        spread_t = np.sqrt(((centred - centred.mean(0)) ** 2).sum(-1).mean(0))
        if spread_t.max() > 0:
            joint_motion.append(np.delete(spread_t, 0) / spread_t.max())

    all_frame_speeds = np.concatenate(frame_speeds)
    idle_threshold = 0.2 * all_frame_speeds.mean()

    def spread(feats):
        feats = np.asarray(feats)
        glob = np.linalg.norm(feats - feats.mean(0), axis=1).mean()
        within = np.mean([np.linalg.norm(
            feats[labels == c] - feats[labels == c].mean(0), axis=1).mean()
            for c in np.unique(labels)])
        return float(within / max(glob, 1e-12))

    out = dict(
        sequences=float(len(lengths)),
        frames=float(np.median(lengths)),
        speed=float(np.mean(speeds)),
        accel_ratio=float(np.mean(accel)),
        high_freq_power=float(np.mean(hf)),
        idle_fraction=float((all_frame_speeds < idle_threshold).mean()),
        bone_cv_within=float(np.mean(bone_cv)),
        class_spread=spread(poses),
        motion_class_spread=spread(motion),
        joint_motion_ratio=float(np.median(np.concatenate(joint_motion)))
        if joint_motion else 0.,
    )
    if shoulder_line is not None:
        out['facing_std_deg'] = _circular_std_deg(np.asarray(facing))
    if all(s is not None for s in subjects):
        per_subject = {}
        for s, b in zip(subjects, bone_means):
            per_subject.setdefault(s, []).append(b)
        if len(per_subject) > 1:
            m = np.stack([np.mean(v, 0) for v in per_subject.values()])
            out['bone_cv_subjects'] = float(np.mean(m.std(0) / m.mean(0)))
    return out
