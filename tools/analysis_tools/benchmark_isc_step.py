"""Seconds per ISC training step (BiGRU + AGCN): skelbench's step vs the
public code's frame-by-frame BiGRU step, timed alternately in one process.

    python tools/analysis_tools/benchmark_isc_step.py            # paper shape
    python tools/analysis_tools/benchmark_isc_step.py --batch-size 16 --iters 2
"""
import argparse
import statistics

import torch

from skelbench.utils.isc_step_benchmark import compare_isc_steps


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--batch-size', type=int, default=64)
    p.add_argument('--frames', type=int, default=64)
    p.add_argument('--hidden-size', type=int, default=1024)
    p.add_argument('--num-layers', type=int, default=3)
    p.add_argument('--agcn-channels', type=int, default=64)
    p.add_argument('--queue-len', type=int, default=16384)
    p.add_argument('--iters', type=int, default=3)
    p.add_argument('--warmup', type=int, default=1)
    p.add_argument('--threads', type=int, default=None,
                   help='torch.set_num_threads (default: torch default)')
    return p.parse_args()


def main():
    args = parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    times = compare_isc_steps(
        batch_size=args.batch_size, frames=args.frames,
        hidden_size=args.hidden_size, num_layers=args.num_layers,
        agcn_channels=args.agcn_channels, queue_len=args.queue_len,
        iters=args.iters, warmup=args.warmup)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f'batch {args.batch_size} x 2 views x (2, {args.frames}, 25, 3), '
          f'BiGRU {args.num_layers} x {args.hidden_size} + AGCN width '
          f'{args.agcn_channels}, {torch.get_num_threads()} threads')
    for k, v in times.items():
        print(f'{k:>10}: median {med[k]:.3f} s/step  '
              f'({", ".join(f"{t:.3f}" for t in v)})')
    print(f'speed-up (official / skelbench): '
          f'{med["official"] / med["skelbench"]:.2f} x')


if __name__ == '__main__':
    main()
