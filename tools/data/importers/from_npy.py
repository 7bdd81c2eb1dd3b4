"""Import 2s-AGCN / AimCLR / ISC ``.npy`` arrays as a skelbench pickle.

    python tools/data/importers/from_npy.py data/NTU-RGB-D-60-AGCN/xsub \
        --benchmark xsub --out data/ntu/ntu60_xsub_agcn.pkl

The folder holds ``{train,val}_data_joint.npy`` ``(N, 3, T, 25, 2)``,
``{train,val}_label.pkl`` ``(sample_names, labels)`` and, optionally,
``{train,val}_num_frame.npy``. Arrays are memory-mapped.
"""
import argparse
import os.path as osp
import sys

from skelbench.datasets.annotation_io import (dump_annotation_file,
                                              empty_splits,
                                              remove_stale_partials)
from skelbench.datasets.sources.importers import import_npy


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('folder')
    parser.add_argument('--benchmark', required=True,
                        help='split prefix: xsub, xview, xset, ...')
    parser.add_argument('--out', required=True)
    parser.add_argument('--data-suffix', default='data_joint.npy')
    parser.add_argument('--dtype', choices=['float32', 'float16'],
                        default='float32')
    args = parser.parse_args(argv)
    remove_stale_partials(args.out)
    parts = {}
    for part in ('train', 'val'):
        data = osp.join(args.folder, f'{part}_{args.data_suffix}')
        if not osp.isfile(data):
            continue
        nf = osp.join(args.folder, f'{part}_num_frame.npy')
        parts[part] = dict(data=data,
                           label=osp.join(args.folder, f'{part}_label.pkl'),
                           num_frame=nf if osp.isfile(nf) else None)
    if not parts:
        print(f'error: no {{train,val}}_{args.data_suffix} in {args.folder}',
              file=sys.stderr)
        return 2
    try:
        data = import_npy(parts, args.benchmark, dtype=args.dtype)
    except (ValueError, KeyError, OSError) as e:
        print(f'error: {e}', file=sys.stderr)
        return 2
    empty = empty_splits(data)
    if empty:
        print(f"warning: split(s) {', '.join(empty)} came out empty",
              file=sys.stderr)
    dump_annotation_file(data, args.out)
    print(f"wrote {args.out}: {len(data['annotations'])} samples; "
          + ', '.join(f'{k}: {len(v)}' for k, v in data['split'].items()))
    return 0


if __name__ == '__main__':
    sys.exit(main())
