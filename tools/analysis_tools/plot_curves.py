"""Plot the training curves (losses, lr, validation metrics) of a work dir.

    python tools/analysis_tools/plot_curves.py WORK_DIR [--keys loss ...] \
        [--out curves.png]
"""
import argparse
import os.path as osp

from skelbench.visualization import find_scalar_logs, plot_curves, read_scalars


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('work_dir')
    parser.add_argument('--keys', nargs='+', help='scalars to plot (default: '
                        'every loss and validation metric)')
    parser.add_argument('--out', help='image file (default: '
                        'WORK_DIR/curves.png)')
    args = parser.parse_args(argv)
    series = read_scalars(find_scalar_logs(args.work_dir))
    out = args.out or osp.join(args.work_dir, 'curves.png')
    plot_curves(series, out, keys=args.keys, title=osp.basename(
        osp.normpath(args.work_dir)))
    print(f'logged scalars: {", ".join(sorted(series))}')
    print(f'wrote {out}')
    return out


if __name__ == '__main__':
    main()
