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
# generator argument -> (type, help); the flag is --<argument with dashes>
OPTIONS = {
    'num_subjects': (int, 'subjects, >= 2'),
    'repeats': (int, 'replications of each action by each subject'),
    'seed': (int, 'random seed, >= 0'),
    'num_cameras': (int, 'cameras 1..N, N in 1..3'),
    'min_frames': (int, 'shortest sequence'),
    'max_frames': (int, 'longest sequence'),
    'noise_std': (float, 'Gaussian jitter of the coordinates in metres'),
    'drop_joint_prob': (float, 'probability of a dropout burst per view, '
                        'body and joint'),
    'tracking_noise_std': (float, 'temporally correlated tracking error in '
                           'metres'),
    'tracking_noise_frames': (float, 'its correlation time in frames'),
    'min_action_share': (float, 'smallest share of a sequence the action '
                         'fills'),
    'secondary_motion': (float, 'strength of the whole-body motion that '
                         'goes with an action (0 = none)'),
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--out', default='data/synthetic/synthetic.pkl',
                        help='output .pkl (default: %(default)s)')
    for name, (kind, text) in OPTIONS.items():
        parser.add_argument('--' + name.replace('_', '-'), type=kind,
                            default=DEFAULTS[name],
                            help=text + ' (default: %(default)s)')
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
            classes=classes,
            **{name: getattr(args, name) for name in OPTIONS})
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
