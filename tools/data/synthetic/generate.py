"""Generate the synthetic skeleton action dataset as a skelbench pickle.

    python tools/data/synthetic/generate.py --out data/synthetic/synthetic.pkl

The pickle holds ``{'split': ..., 'annotations': ...}`` in the NTU RGB+D
format (see ``skelbench.datasets.synthetic.generate_synthetic_dataset``);
nothing is downloaded, the same arguments always give the same file.
"""
import argparse
import inspect
import time
from collections import Counter

from skelbench.datasets.annotation_io import (dump_annotation_file,
                                              remove_stale_partials)
from skelbench.datasets.synthetic import (SYNTHETIC_CLASSES,
                                          generate_synthetic_dataset)

DEFAULTS = {k: p.default for k, p in inspect.signature(
    generate_synthetic_dataset).parameters.items()}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--out', default='data/synthetic/synthetic.pkl',
                        help='output .pkl (default: %(default)s)')
    parser.add_argument('--num-subjects', type=int,
                        default=DEFAULTS['num_subjects'],
                        help='subjects, >= 2 (default: %(default)s)')
    parser.add_argument('--repeats', type=int,
                        default=DEFAULTS['repeats'],
                        help='replications of each action by each subject '
                        '(default: %(default)s)')
    parser.add_argument('--seed', type=int,
                        default=DEFAULTS['seed'],
                        help='random seed, >= 0 (default: %(default)s)')
    parser.add_argument('--num-cameras', type=int,
                        default=DEFAULTS['num_cameras'],
                        help='cameras 1..N, N in 1..3 (default: %(default)s)')
    parser.add_argument('--min-frames', type=int,
                        default=DEFAULTS['min_frames'],
                        help='shortest sequence (default: %(default)s)')
    parser.add_argument('--max-frames', type=int,
                        default=DEFAULTS['max_frames'],
                        help='longest sequence (default: %(default)s)')
    parser.add_argument('--noise-std', type=float,
                        default=DEFAULTS['noise_std'],
                        help='Gaussian jitter of the coordinates in metres '
                        '(default: %(default)s)')
    parser.add_argument('--drop-joint-prob', type=float,
                        default=DEFAULTS['drop_joint_prob'],
                        help='probability of a dropout burst per view, body '
                        'and joint (default: %(default)s)')
    parser.add_argument('--tracking-noise-std', type=float,
                        default=DEFAULTS['tracking_noise_std'],
                        help='temporally correlated tracking error in metres '
                        '(default: %(default)s)')
    parser.add_argument('--tracking-noise-frames', type=float,
                        default=DEFAULTS['tracking_noise_frames'],
                        help='its correlation time in frames (default: '
                        '%(default)s)')
    parser.add_argument('--min-action-share', type=float,
                        default=DEFAULTS['min_action_share'],
                        help='smallest share of a sequence the action fills '
                        '(default: %(default)s)')
    parser.add_argument('--classes', nargs='+', metavar='NAME',
                        help='subset of the classes, names or indices '
                        '(default: all): ' + ' '.join(SYNTHETIC_CLASSES))
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    remove_stale_partials(args.out)
    classes = None if args.classes is None else [
        int(c) if c.isdigit() else c for c in args.classes]
    start = time.perf_counter()
    try:
        data = generate_synthetic_dataset(
            num_subjects=args.num_subjects,
            repeats=args.repeats,
            seed=args.seed,
            num_cameras=args.num_cameras,
            min_frames=args.min_frames,
            max_frames=args.max_frames,
            noise_std=args.noise_std,
            drop_joint_prob=args.drop_joint_prob,
            tracking_noise_std=args.tracking_noise_std,
            tracking_noise_frames=args.tracking_noise_frames,
            min_action_share=args.min_action_share,
            classes=classes)
    except ValueError as e:
        raise SystemExit(f'error: {e}')
    elapsed = time.perf_counter() - start
    dump_annotation_file(data, args.out)
    counts = Counter(a['label'] for a in data['annotations'])
    print(f"wrote {args.out}: {len(data['annotations'])} samples, "
          f'{len(counts)} classes, generated in {elapsed:.1f} s; '
          + ', '.join(f'{k}: {len(v)}' for k, v in data['split'].items()))


if __name__ == '__main__':
    main()
