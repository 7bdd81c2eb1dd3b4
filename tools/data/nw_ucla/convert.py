"""Convert the NW-UCLA ``all_sqe`` JSON release to a skelbench pickle.

    python tools/data/nw_ucla/convert.py ../shared/data/nw-ucla \
        data/nw_ucla/nw_ucla.pkl [--strict]

A bad file (invalid JSON, wrong name, shape, label or non-finite values)
is reported and skipped (listed in ``OUT.errors.txt``), or is fatal with
``--strict``. A split that comes out empty is reported as a warning, or is
fatal with ``--strict``. The pickle is written atomically: a run killed at
any point leaves at most a hidden ``.OUT.partial`` file, which the next
run removes.
"""
import argparse
import sys
from collections import Counter

from skelbench.datasets.annotation_io import (dump_annotation_file,
                                              empty_splits,
                                              remove_stale_partials,
                                              write_problem_report)
from skelbench.datasets.sources.nw_ucla import convert_nw_ucla


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog='\n'.join(__doc__.splitlines()[1:]))
    parser.add_argument('root', help='all_sqe folder or its parent')
    parser.add_argument('out', help='output .pkl')
    parser.add_argument('--strict', action='store_true',
                        help='stop at the first bad file; an empty split is '
                        'an error')
    parser.add_argument('--report', default=None,
                        help='list of skipped bad files (default: '
                        'OUT.errors.txt)')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    report = args.report or args.out + '.errors.txt'
    remove_stale_partials(args.out, report)
    try:
        data, errors, stats = convert_nw_ucla(args.root, strict=args.strict)
    except (ValueError, FileNotFoundError) as e:
        print(f'error: {e}' + (' (--strict: nothing written)'
                               if args.strict else ''), file=sys.stderr)
        return 2
    empty = empty_splits(data)
    if empty:
        msg = (f"split(s) {', '.join(empty)} came out empty: {args.root} "
               'holds no converted file of their views')
        if args.strict:
            print(f'error: {msg} (--strict: nothing written)',
                  file=sys.stderr)
            return 2
        print(f'warning: {msg}', file=sys.stderr)
    dump_annotation_file(data, args.out)
    write_problem_report(errors, report)
    counts = Counter(a['label'] for a in data['annotations'])
    print(f"wrote {args.out}: {stats['converted']} samples from "
          f"{stats['found']} files ({stats['errors']} bad files skipped"
          + (f', listed in {report}' if errors else '') + f'), '
          f'{len(counts)} classes, '
          + ', '.join(f'{k}: {len(v)}' for k, v in data['split'].items()))
    return 0


if __name__ == '__main__':
    sys.exit(main())
