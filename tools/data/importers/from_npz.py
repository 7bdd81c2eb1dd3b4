"""Import a CTR-GCN / SGN / MAMP ``.npz`` file as a skelbench pickle.

    python tools/data/importers/from_npz.py data/ntu/NTU60_XSub.npz \
        --benchmark xsub --available-names skes_available_name.txt \
        --out data/ntu/ntu60_xsub_mamp.pkl

The ``.npz`` stores no sample names. For NTU pass ``--available-names``
(SGN/MAMP ``statistics/skes_available_name.txt``, or a folder of raw
``.skeleton`` files): the names are rebuilt in SGN's split order and
checked against the labels. ``--names-train/--names-val`` give names in
array order directly (e.g. PKU-MMD); without any, ids are
``{benchmark}_{train|val}_{index}``.
"""
import argparse
import os.path as osp
import sys

from skelbench.datasets.annotation_io import (dump_annotation_file,
                                              empty_splits,
                                              remove_stale_partials)
from skelbench.datasets.sources.importers import import_npz
from skelbench.datasets.sources.ntu_rgbd import (list_skeleton_files,
                                                 read_name_list)


def read_plain_list(path):
    with open(path) as f:
        return [ln.strip() for ln in f if ln.strip()]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('npz')
    parser.add_argument('--benchmark', required=True,
                        help='split prefix: xsub, xview, xset, ...')
    parser.add_argument('--out', required=True)
    parser.add_argument('--available-names', default=None,
                        help='NTU available-sample list or raw folder')
    parser.add_argument('--names-train', default=None)
    parser.add_argument('--names-val', default=None)
    parser.add_argument('--dtype', choices=['float32', 'float16'],
                        default='float32')
    args = parser.parse_args(argv)
    remove_stale_partials(args.out)
    available = names = None
    if args.available_names:
        if osp.isdir(args.available_names):
            available = [k for _, _, k in
                         list_skeleton_files(args.available_names)]
        else:
            available = read_name_list(args.available_names)
    if args.names_train or args.names_val:
        names = dict(train=read_plain_list(args.names_train)
                     if args.names_train else [],
                     val=read_plain_list(args.names_val)
                     if args.names_val else [])
    try:
        data = import_npz(args.npz, args.benchmark, names=names,
                          available_names=available, dtype=args.dtype)
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
