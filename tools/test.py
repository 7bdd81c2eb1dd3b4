"""Evaluate a checkpoint on a config's test set (top-k, kNN, dumps).

    python tools/test.py CONFIG --checkpoint CKPT [--dump preds.pkl]
    bash tools/dist_test.sh CONFIG CKPT NUM_PROCS [same options]

A checkpoint that does not fit the config's model (missing / unexpected
keys, shapes, another algorithm) is refused before anything is scored:
exit status 1 with the list of differences (``SkeletonRunner``).
"""
import argparse
import os
import os.path as osp

from mmengine.config import Config, ConfigDict, DictAction

from skelbench.checkpoint import CheckpointMismatchError
from skelbench.engine import shutdown_distributed
from skelbench.registry import RUNNERS
from skelbench.utils import register_all_modules


def parse_args():
    parser = argparse.ArgumentParser(description='Test a skelbench model')
    parser.add_argument('config', help='config file path')
    parser.add_argument('checkpoint_pos', nargs='?', default=None,
                        help='checkpoint (same as --checkpoint)')
    parser.add_argument('--checkpoint', help='checkpoint file to evaluate')
    parser.add_argument('--work-dir', help='directory for the test logs')
    parser.add_argument('--dump', help='write per-sample predictions and '
                        'features to this .pkl')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries, key=value')
    parser.add_argument('--launcher', default='none',
                        choices=['none', 'pytorch', 'slurm', 'mpi'])
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args()
    if 'LOCAL_RANK' not in os.environ:
        os.environ['LOCAL_RANK'] = str(args.local_rank)
    if args.checkpoint is None:
        args.checkpoint = args.checkpoint_pos
    return args


def main():
    args = parse_args()
    register_all_modules(init_default_scope=False)
    cfg = Config.fromfile(args.config)
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    cfg.launcher = args.launcher
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir', None) is None:
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])
    if args.checkpoint is None:
        raise SystemExit('tools/test.py: give a checkpoint with --checkpoint'
                         ' (or as the second argument)')
    if not osp.isfile(args.checkpoint):
        raise SystemExit(f'tools/test.py: checkpoint {args.checkpoint} not '
                         'found')
    cfg.load_from = args.checkpoint
    cfg.resume = False
    # The checkpoint replaces any pretrained init of the backbone.
    if cfg.model.get('backbone', {}).get('init_cfg') is not None:
        cfg.model.backbone.init_cfg = None
    if args.dump is not None:
        cfg.model.setdefault('test_cfg', ConfigDict())
        cfg.model.test_cfg = dict(cfg.model.test_cfg or {}, output_feat=True)
        evaluator = cfg.test_evaluator
        if isinstance(evaluator, dict) and 'metrics' in evaluator:
            evaluator = evaluator['metrics']
        evaluator = list(evaluator) if isinstance(evaluator, (list, tuple)) \
            else [evaluator]
        evaluator.append(dict(type='DumpPredictions', out_file=args.dump))
        cfg.test_evaluator = evaluator
    cfg.setdefault('runner_type', 'SkeletonRunner')
    runner = RUNNERS.build(cfg)
    try:
        runner.test()
    except CheckpointMismatchError as e:  # lists what differs
        raise SystemExit(f'tools/test.py: {e}') from None
    shutdown_distributed()


if __name__ == '__main__':
    main()
