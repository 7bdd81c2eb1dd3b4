"""Convert PKU-MMD phase I / II to a skelbench pickle (action instances).

    python tools/data/pku_mmd/convert.py ROOT --phase 1 \
        --out data/pku_mmd/pku_v1.pkl

ROOT holds the skeleton folder (``PKU_Skeleton_Renew`` / ``skeleton``),
the label folder (``Train_Label_PKU_final`` / ``label``) and the official
split files (``cross-subject.txt``, ``cross-view.txt``; phase II
``cross_subject_v2.txt``, ``cross_view_v2.txt``); override any of them
with ``--skeleton-dir``, ``--label-dir``, ``--xsub``, ``--xview``.
Skipped or clipped instances and bad files are listed in
``OUT.errors.txt`` (``--strict``: the first one is fatal). A split that
comes out empty is reported as a warning (``--strict``: an error). The
pickle is written atomically: a run killed at any point leaves at most a
hidden ``.OUT.partial`` file, which the next run removes.
"""
import argparse
import os
import sys
from collections import Counter

from skelbench.datasets.annotation_io import (dump_annotation_file,
                                              empty_splits,
                                              remove_stale_partials,
                                              write_problem_report)
from skelbench.datasets.sources.pku_mmd import (convert_pku_mmd,
                                                default_split_files,
                                                find_pku_folders)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog='\n'.join(__doc__.splitlines()[1:]))
    parser.add_argument('root', nargs='?', default=None)
    parser.add_argument('--phase', type=int, choices=[1, 2], default=1)
    parser.add_argument('--out', required=True)
    parser.add_argument('--skeleton-dir', default=None)
    parser.add_argument('--label-dir', default=None)
    parser.add_argument('--xsub', default=None, help='cross-subject file')
    parser.add_argument('--xview', default=None, help='cross-view file')
    parser.add_argument('--dtype', choices=['float32', 'float16'],
                        default='float32')
    parser.add_argument('--num-workers', type=int,
                        default=min(8, os.cpu_count() or 1))
    parser.add_argument('--strict', action='store_true')
    parser.add_argument('--no-progress', action='store_true')
    args = parser.parse_args(argv)
    report = args.out + '.errors.txt'
    remove_stale_partials(args.out, report)
    try:
        skel, label = args.skeleton_dir, args.label_dir
        if skel is None or label is None:
            if args.root is None:
                raise FileNotFoundError('give ROOT or --skeleton-dir and '
                                        '--label-dir')
            found = find_pku_folders(args.root)
            skel, label = skel or found[0], label or found[1]
        splits = default_split_files(args.root, args.phase) \
            if args.root else {}
        for bench in ('xsub', 'xview'):
            if getattr(args, bench):
                splits[bench] = getattr(args, bench)
        if not splits:
            raise FileNotFoundError('no split files found; pass --xsub / '
                                    '--xview')
        data, problems, stats = convert_pku_mmd(
            skel, label, splits, phase=args.phase, dtype=args.dtype,
            num_workers=args.num_workers, strict=args.strict,
            progress=not args.no_progress)
    except (ValueError, FileNotFoundError) as e:
        print(f'error: {e}' + (' (--strict: nothing written)'
                               if args.strict else ''), file=sys.stderr)
        return 2
    empty = empty_splits(data)
    if empty:
        msg = (f"split(s) {', '.join(empty)} came out empty: no instance of "
               'their videos was converted')
        if args.strict:
            print(f'error: {msg} (--strict: nothing written)',
                  file=sys.stderr)
            return 2
        print(f'warning: {msg}', file=sys.stderr)
    dump_annotation_file(data, args.out)
    write_problem_report(problems, report)
    classes = Counter(a['label'] for a in data['annotations'])
    print(f"wrote {args.out}: {stats['instances']} instances from "
          f"{stats['videos']} videos, {len(classes)} classes; "
          + ', '.join(f'{k}: {len(v)}' for k, v in data['split'].items())
          + (f"; {stats['problems']} problems listed in {report}"
             if problems else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
