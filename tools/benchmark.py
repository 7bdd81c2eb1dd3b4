"""Run downstream protocols for a pretrained checkpoint; write
``results.json`` and a Markdown table.

    python tools/benchmark.py PRETRAIN_CONFIG PRETRAIN_CKPT \
        --protocols linear,knn,finetune,semi-1,semi-10,transfer-pku2 \
        [--launcher none|pytorch|slurm] [--seeds 0,1,2] [--work-dir DIR]

Protocols: ``linear`` (cached-feature SGD probe; ``--linear-protocol
end-to-end`` runs the linear-probe config with tools/train.py), ``knn``
(1-NN / 20-NN on cached features), ``finetune``, ``scratch`` (the
fine-tune recipe from a random initialisation), ``semi-P`` (``P`` % of
the labels), ``transfer-D`` (fine-tune on dataset ``D``), ``distill`` /
``distill-P`` (a student distilled without labels from a teacher
fine-tuned as by ``finetune`` / ``semi-P``, or from ``--teacher``).
Which config each protocol runs, how the runs select their checkpoint and
what is written: docs/protocols.md. The library is
``skelbench.engine.protocols``.
"""
import argparse
import os.path as osp

from mmengine.config import DictAction

from skelbench.engine.protocols import (BenchmarkSettings, Launcher,
                                        parse_protocols, run_benchmark)
from skelbench.utils import register_all_modules


def _benchmark_override(text: str):
    if '=' not in text:
        raise argparse.ArgumentTypeError(
            f'--benchmark takes KIND=CONFIG (finetune=..., linear-probe=..., '
            f'transfer-pku2=...), got {text!r}')
    return tuple(text.split('=', 1))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config', help='the pretraining config')
    parser.add_argument('checkpoint', help='its training checkpoint (or a '
                        'backbone checkpoint of extract_backbone.py)')
    parser.add_argument('--protocols', default='linear,knn,finetune',
                        help='comma-separated protocols')
    parser.add_argument('--seeds', default='0',
                        help='comma-separated seeds: one run each')
    parser.add_argument('--work-dir', help='default: work_dirs/benchmark_'
                        '<config name>')
    parser.add_argument('--val-fraction', type=float, default=0.1,
                        help='part of each class of the training split held '
                        'out for model selection (0: none, last epoch only)')
    parser.add_argument('--linear-protocol', default='cached',
                        choices=['cached', 'end-to-end'])
    parser.add_argument('--passes', type=int, default=5,
                        help='cached linear probe: passes over the training '
                        'split (1 test pipeline + P-1 augmented)')
    parser.add_argument('--benchmark', type=_benchmark_override,
                        action='append', default=[],
                        help='KIND=CONFIG: use this benchmark config')
    parser.add_argument('--teacher', help='distill: a fine-tuned teacher '
                        'checkpoint to distil from instead of fine-tuning '
                        'one')
    parser.add_argument('--launcher', default='none',
                        choices=['none', 'pytorch', 'slurm'])
    parser.add_argument('--nprocs', type=int, default=2,
                        help='processes of the pytorch launcher')
    parser.add_argument('--partition', help='slurm partition')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='applied to every benchmark config')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    register_all_modules()
    try:
        seeds = [int(s) for s in args.seeds.split(',') if s.strip()]
    except ValueError:
        raise SystemExit(f'--seeds: integers separated by commas, got '
                         f'{args.seeds!r}') from None
    work_dir = args.work_dir or osp.join(
        'work_dirs',
        'benchmark_' + osp.splitext(osp.basename(args.config))[0])
    try:
        protocols = parse_protocols(args.protocols)
        settings = BenchmarkSettings(
            seeds=seeds, val_fraction=args.val_fraction,
            linear_protocol=args.linear_protocol, passes=args.passes,
            benchmarks=dict(args.benchmark),
            cfg_options=dict(args.cfg_options or {}),
            teacher=args.teacher,
            launcher=Launcher(args.launcher, nprocs=args.nprocs,
                              partition=args.partition))
        run_benchmark(args.config, args.checkpoint, protocols, work_dir,
                      settings)
    except (ValueError, FileNotFoundError, RuntimeError) as e:
        raise SystemExit(f'tools/benchmark.py: {e}') from None
    print(f'results: {osp.join(work_dir, "results.json")}, '
          f'{osp.join(work_dir, "results.md")}')


if __name__ == '__main__':
    main()
