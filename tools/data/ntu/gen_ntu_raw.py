"""Convert raw NTU RGB+D 60/120 ``.skeleton`` files to a skelbench pickle.

    python tools/data/ntu/gen_ntu_raw.py RAW [RAW ...] --task ntu60 \
        --out data/ntu/ntu60_3d.pkl --num-workers 2

RAW: folders of ``.skeleton`` files and/or the official zip archives
(``nturgbd_skeletons_s001_to_s017.zip``, ``..._s018_to_s032.zip``), read
without extracting. The official missing-skeleton samples are skipped: the
lists shipped next to this script are used unless ``--missing FILE`` (one
sample name a line, e.g. ``NTU_RGBD_samples_with_missing_skeletons.txt``)
or ``--missing none`` is given. A bad file is reported with its line
number and skipped (listed in ``OUT.errors.txt``), or is fatal with
``--strict``. A split that comes out empty (e.g. inputs of part of the
release) is reported as a warning, or is fatal with ``--strict``. The
pickle is written atomically: a run killed at any point leaves at most a
hidden ``.OUT.partial`` file, which the next run removes.
"""
import argparse
import os
import os.path as osp
import sys
import time
from collections import Counter

import numpy as np

from skelbench.datasets.annotation_io import (dump_annotation_file,
                                              empty_splits,
                                              remove_stale_partials,
                                              write_problem_report)
from skelbench.datasets.sources.ntu_rgbd import (SkeletonFileError,
                                                 convert_ntu_raw,
                                                 read_name_list)

HERE = osp.dirname(osp.abspath(__file__))
DEFAULT_MISSING = dict(
    ntu60=osp.join(HERE, 'missing_skeletons_ntu60.txt'),
    ntu120=osp.join(HERE, 'missing_skeletons_ntu120.txt'))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog='\n'.join(__doc__.splitlines()[1:]))
    parser.add_argument('inputs', nargs='+',
                        help='folders, zip archives or .skeleton files')
    parser.add_argument('--task', choices=['ntu60', 'ntu120'],
                        default='ntu60')
    parser.add_argument('--out', required=True, help='output .pkl')
    parser.add_argument('--missing', default=None,
                        help='missing-skeleton list file (default: the '
                        "shipped official list of the task; 'none': skip "
                        'nothing)')
    parser.add_argument('--actor-rule', choices=['denoise', 'energy'],
                        default='denoise',
                        help='denoise: SGN/MAMP body denoising; energy: '
                        '2s-AGCN/ISC two most energetic bodies')
    parser.add_argument('--dtype', choices=['float32', 'float16'],
                        default='float32')
    parser.add_argument('--num-workers', type=int,
                        default=min(8, os.cpu_count() or 1))
    parser.add_argument('--strict', action='store_true',
                        help='stop at the first malformed file; an empty '
                        'split is an error')
    parser.add_argument('--report', default=None,
                        help='list of skipped bad files (default: '
                        'OUT.errors.txt)')
    parser.add_argument('--no-progress', action='store_true')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.missing is None:
        missing_file = DEFAULT_MISSING[args.task]
    elif args.missing.lower() == 'none':
        missing_file = None
    else:
        missing_file = args.missing
    missing = read_name_list(missing_file) if missing_file else []
    report = args.report or args.out + '.errors.txt'
    remove_stale_partials(args.out, report)
    t0 = time.time()
    try:
        data, errors, stats = convert_ntu_raw(
            args.inputs, task=args.task, missing=missing,
            actor_rule=args.actor_rule, dtype=args.dtype,
            num_workers=args.num_workers, strict=args.strict,
            progress=not args.no_progress)
    except SkeletonFileError as e:
        print(f'error: {e} (--strict: nothing written)', file=sys.stderr)
        return 2
    except (ValueError, FileNotFoundError) as e:
        print(f'error: {e}', file=sys.stderr)
        return 2
    elapsed = time.time() - t0
    empty = empty_splits(data)
    if empty:
        msg = (f"split(s) {', '.join(empty)} came out empty: the inputs hold "
               f'no converted {args.task} sample of them')
        if args.strict:
            print(f'error: {msg} (--strict: nothing written)',
                  file=sys.stderr)
            return 2
        print(f'warning: {msg}', file=sys.stderr)
    dump_annotation_file(data, args.out)
    write_problem_report(errors, report)
    annos = data['annotations']
    frames = np.array([a['total_frames'] for a in annos])
    actors = Counter(int(np.any(a['keypoint'][1])) + 1 for a in annos)
    print(f"wrote {args.out}: {len(annos)} samples from {stats['found']} "
          f"files ({stats['missing_skipped']} missing-skeleton samples "
          f"skipped, {stats['errors']} bad files skipped"
          + (f', listed in {report}' if errors else '') + ')')
    print('splits: ' + ', '.join(f'{k}: {len(v)}'
                                 for k, v in data['split'].items()))
    print(f'frames: min {frames.min()}, mean {frames.mean():.1f}, max '
          f'{frames.max()}; actors: {dict(sorted(actors.items()))}; '
          f'{len(annos) / max(elapsed, 1e-9):.0f} files/s '
          f'({args.num_workers} workers)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
