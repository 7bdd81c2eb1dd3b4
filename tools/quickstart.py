"""The main job: pretrain S-JEPA on the built-in synthetic data, then probe
the frozen encoder and print what self-supervision bought.

    python tools/quickstart.py [--config CFG] [--work-dir DIR] \
        [--random-init-seeds 3] [--cfg-options k=v ...]

Stages (each a skelbench command, run in turn; a killed run resumes from
its last checkpoint when started again with the same work dir):

1. ``tools/train.py CFG --resume``: self-supervised pretraining (labels
   unused).
2. ``tools/analysis_tools/probe_features.py``: linear (logistic regression)
   and 1-NN probes of the frozen encoder on the labelled split, next to the
   same architecture at random initialisation (``--random-init-seeds``
   seeds, mean +- std) and the raw coordinates.
3. ``tools/analysis_tools/tsne.py``: a t-SNE picture of the test features,
   coloured by class.

At the end it prints one table: pretrained vs random initialisation vs raw
coordinates, the wall time of each stage, and where the checkpoint, the
probe results (JSON) and the picture are.
"""
import argparse
import json
import os
import os.path as osp
import subprocess
import sys
import time

HERE = osp.dirname(osp.abspath(__file__))
DEFAULT_CONFIG = osp.join(
    osp.dirname(HERE), 'configs', 'sjepa',
    'sjepa_transformer-l4d128_1xb32-30e_synthetic-xsub.py')


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--config', default=DEFAULT_CONFIG,
                        help='pretraining config (default: the S-JEPA '
                        'synthetic config)')
    parser.add_argument('--work-dir', default='work_dirs/quickstart')
    parser.add_argument('--random-init-seeds', type=int, default=3)
    parser.add_argument('--cfg-options', nargs='+', default=None,
                        help='key=value overrides passed to every stage')
    return parser.parse_args(argv)


def run_stage(name, cmd, log_file):
    """Run one stage, its output streamed to the terminal and ``log_file``;
    a failing stage stops the job with its log named."""
    print(f'== {name}: {" ".join(cmd)}', flush=True)
    start = time.time()
    with open(log_file, 'w') as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        for line in proc.stdout:
            sys.stdout.write(line)
            log.write(line)
        code = proc.wait()
    if code != 0:
        raise SystemExit(f'quickstart: stage "{name}" failed (exit {code}); '
                         f'its log is {log_file}')
    return time.time() - start


def last_checkpoint(work_dir):
    """The checkpoint named by mmengine's ``last_checkpoint`` file."""
    marker = osp.join(work_dir, 'last_checkpoint')
    if not osp.isfile(marker):
        raise SystemExit(f'quickstart: {marker} missing: training wrote no '
                         'checkpoint')
    with open(marker) as f:
        path = f.read().strip()
    if not osp.isfile(path):
        raise SystemExit(f'quickstart: {marker} names {path}, which does '
                         'not exist')
    return path


def format_table(results, times, checkpoint, probe_json, picture):
    """The summary printed at the end (Markdown)."""
    rows = [('S-JEPA, pretrained (frozen)', results['pretrained'])]
    if 'random init' in results:
        rows.append(('same encoder, random init', results['random init']))
    if 'raw coordinates' in results:
        rows.append(('raw coordinates', results['raw coordinates']))

    def cell(r, key):
        if f'{key}_std' in r:
            return f'{r[key]:.1f} +- {r[key + "_std"]:.1f} ({r["seeds"]} seeds)'
        return f'{r[key]:.1f}'

    lines = ['| features | linear (%) | 1-NN (%) |', '| --- | --- | --- |']
    lines += [f'| {name} | {cell(r, "linear")} | {cell(r, "nn1")} |'
              for name, r in rows]
    total = sum(times.values())
    lines.append('')
    lines.append('wall time: ' + ', '.join(
        f'{k} {v / 60:.1f} min' for k, v in times.items()) +
        f' (total {total / 60:.1f} min)')
    lines.append(f'checkpoint: {checkpoint}')
    lines.append(f'probe results: {probe_json}')
    lines.append(f't-SNE of the test features: {picture}')
    return '\n'.join(lines)


def main(argv=None):
    args = parse_args(argv)
    os.makedirs(args.work_dir, exist_ok=True)
    py = sys.executable
    extra = ['--cfg-options', *args.cfg_options] if args.cfg_options else []
    times = {}
    times['pretraining'] = run_stage(
        'pretraining', [py, osp.join(HERE, 'train.py'), args.config,
                        '--work-dir', args.work_dir, '--resume', *extra],
        osp.join(args.work_dir, 'quickstart_train.log'))
    checkpoint = last_checkpoint(args.work_dir)
    probe_json = osp.join(args.work_dir, 'probe.json')
    times['probes'] = run_stage(
        'probes', [py, osp.join(HERE, 'analysis_tools', 'probe_features.py'),
                   args.config, '--checkpoint', checkpoint, '--random-init',
                   '--random-init-seeds', str(args.random_init_seeds),
                   '--raw', '--out', probe_json, *extra],
        osp.join(args.work_dir, 'quickstart_probe.log'))
    picture = osp.join(args.work_dir, 'tsne.png')
    times['t-SNE'] = run_stage(
        't-SNE', [py, osp.join(HERE, 'analysis_tools', 'tsne.py'),
                  args.config, '--checkpoint', checkpoint, '--out', picture,
                  *extra],
        osp.join(args.work_dir, 'quickstart_tsne.log'))
    with open(probe_json) as f:
        results = json.load(f)['results']
    table = format_table(results, times, checkpoint, probe_json, picture)
    with open(osp.join(args.work_dir, 'summary.md'), 'w') as f:
        f.write(table + '\n')
    print('\n== quickstart summary (also in '
          f'{osp.join(args.work_dir, "summary.md")})\n{table}')


if __name__ == '__main__':
    main()
