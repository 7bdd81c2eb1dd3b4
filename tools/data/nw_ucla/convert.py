"""Convert the NW-UCLA ``all_sqe`` JSON release to a skelbench pickle.

    python tools/data/nw_ucla/convert.py ../shared/data/nw-ucla \
        data/nw_ucla/nw_ucla.pkl
"""
import argparse
import os
import os.path as osp
import pickle
import tempfile
from collections import Counter

from skelbench.datasets.sources import load_nw_ucla


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('root', help='all_sqe folder or its parent')
    parser.add_argument('out', help='output .pkl')
    return parser.parse_args()


def main():
    args = parse_args()
    data = load_nw_ucla(args.root)
    out_dir = osp.dirname(osp.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out_dir, suffix='.tmp')
    try:
        with os.fdopen(fd, 'wb') as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, args.out)
    except BaseException:
        os.unlink(tmp)
        raise
    counts = Counter(a['label'] for a in data['annotations'])
    print(f"wrote {args.out}: {len(data['annotations'])} samples, "
          f"{len(counts)} classes, "
          + ', '.join(f'{k}: {len(v)}' for k, v in data['split'].items()))


if __name__ == '__main__':
    main()
