"""Summarise a skelbench annotation file and list every problem in it.

    python tools/data/check_dataset.py data/ntu/ntu60_3d.pkl \
        [--layout nturgb+d] [--num-classes 60] [--json summary.json]

Summary: samples per split and per class, frame-length statistics, actors
per sample (non-empty actor slots), dtypes. Problems (all of them, not
only the first): missing fields, bad keypoint shapes/dtypes, non-finite
values, empty sequences (no frame or all-zero keypoints), ``total_frames``
out of range, labels out of range, duplicated ids, split ids without
annotation, empty splits. The file is read with the restricted unpickler
(a file referencing any other global is refused, nothing of it runs).
Exit status 1 if any problem was found.
"""
import argparse
import json
import sys
from collections import Counter

import numpy as np

from skelbench.datasets.annotation_io import (load_annotation_file,
                                              validate_annotation)
from skelbench.layouts import get_layout


def check_annotations(data: dict, num_joints=None, num_classes=None,
                      source='annotations'):
    """Return ``(summary, problems)`` for an annotation dict.

    ``problems`` is a list of strings, one per problem found.
    """
    annos = data.get('annotations', [])
    problems = []
    if not isinstance(annos, (list, tuple)) or not annos:
        return dict(num_samples=0), [f"{source}: 'annotations' is empty "
                                     'or not a list']
    labels = [a.get('label') for a in annos if isinstance(a, dict)]
    ints = [int(x) for x in labels if isinstance(x, (int, np.integer))
            and not isinstance(x, bool)]
    if num_classes is None and ints:
        num_classes = max(ints) + 1
    frames, actors, dtypes, ids = [], Counter(), Counter(), []
    for i, anno in enumerate(annos):
        name = anno.get('frame_dir', f'#{i}') if isinstance(anno, dict) \
            else f'#{i}'
        ids.append(name)
        try:
            anno = validate_annotation(dict(anno), i, source, num_joints,
                                       num_classes)
        except ValueError as e:
            problems.append(str(e))
            continue
        kp = anno['keypoint']
        dtypes[str(kp.dtype)] += 1
        if not np.any(kp[:, :anno['total_frames']]):
            problems.append(f'{source}: sample {i} ({name!r}): empty '
                            'sequence (all keypoints are zero)')
            continue
        frames.append(anno['total_frames'])
        actors[int(np.any(kp.reshape(kp.shape[0], -1), axis=1).sum())] += 1
    dup = [k for k, c in Counter(ids).items() if c > 1]
    if dup:
        problems.append(f'{source}: {len(dup)} duplicated frame_dir ids, '
                        f'e.g. {dup[:5]}')
    split_counts = {}
    splits = data.get('split') or {}
    known = set(ids)
    per_class_split = {}
    label_of = {n: a.get('label') for n, a in zip(ids, annos)
                if isinstance(a, dict)}
    for sname, members in splits.items():
        members = list(members)
        split_counts[sname] = len(members)
        lost = [m for m in members if m not in known]
        if lost:
            problems.append(f'{source}: split {sname!r} lists {len(lost)} '
                            f'ids without annotation, e.g. {lost[:3]}')
        if not members:
            problems.append(f'{source}: split {sname!r} is empty')
        if len(set(members)) != len(members):
            problems.append(f'{source}: split {sname!r} lists ids twice')
        per_class_split[sname] = dict(sorted(Counter(
            int(label_of[m]) for m in members
            if isinstance(label_of.get(m), (int, np.integer))).items()))
    fr = np.asarray(frames) if frames else np.zeros(1)
    summary = dict(
        num_samples=len(annos), num_classes=num_classes,
        splits=split_counts,
        per_class=dict(sorted(Counter(ints).items())),
        per_class_per_split=per_class_split,
        frames=dict(min=int(fr.min()), mean=round(float(fr.mean()), 1),
                    median=float(np.median(fr)), max=int(fr.max())),
        actors=dict(sorted(actors.items())), dtypes=dict(dtypes),
        num_problems=len(problems))
    return summary, problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('ann_file')
    parser.add_argument('--layout', default=None,
                        help='check the joint count against this layout')
    parser.add_argument('--num-classes', type=int, default=None)
    parser.add_argument('--json', default=None, help='write the summary')
    parser.add_argument('--max-problems', type=int, default=50,
                        help='problems printed (all are counted)')
    args = parser.parse_args(argv)
    try:
        data = load_annotation_file(args.ann_file)
    except (ValueError, FileNotFoundError) as e:
        print(f'problem: {e}')
        return 1
    nj = get_layout(args.layout).num_joints if args.layout else None
    summary, problems = check_annotations(data, nj, args.num_classes,
                                          args.ann_file)
    print(f"{args.ann_file}: {summary['num_samples']} samples, "
          f"{summary.get('num_classes')} classes")
    for k, v in summary.get('splits', {}).items():
        print(f'  split {k}: {v}')
    if 'frames' in summary:
        f = summary['frames']
        print(f"  frames: min {f['min']}, median {f['median']:g}, mean "
              f"{f['mean']}, max {f['max']}")
        print(f"  actors per sample: {summary['actors']}; dtypes: "
              f"{summary['dtypes']}")
        pc = summary['per_class']
        if pc:
            empty = [c for c in range(summary['num_classes'] or 0)
                     if c not in pc]
            print(f'  per class: min {min(pc.values())}, max '
                  f'{max(pc.values())} samples; classes without samples: '
                  f'{empty[:10]}')
    for p in problems[:args.max_problems]:
        print(f'problem: {p}')
    if len(problems) > args.max_problems:
        print(f'... and {len(problems) - args.max_problems} more problems')
    print(f'{len(problems)} problem(s) found')
    if args.json:
        with open(args.json, 'w') as fh:
            json.dump(dict(summary, problems=problems), fh, indent=1,
                      default=str)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
