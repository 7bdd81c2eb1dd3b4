"""Train (pretrain, linear probe, fine-tune) a skelbench config.

    python tools/train.py CONFIG [--work-dir DIR] [--resume [auto|PATH]]
    bash tools/dist_train.sh CONFIG NUM_PROCS [same options]
"""
import argparse
import os
import os.path as osp

from mmengine.config import Config, DictAction

from skelbench.checkpoint import CheckpointMismatchError
from skelbench.engine import set_precision, shutdown_distributed
from skelbench.engine.hooks import TrainingDivergedError
from skelbench.registry import RUNNERS
from skelbench.utils import register_all_modules


def parse_args():
    parser = argparse.ArgumentParser(description='Train a skelbench model')
    parser.add_argument('config', help='config file path')
    parser.add_argument('--work-dir', help='directory for logs and '
                        'checkpoints (default: ./work_dirs/<config name>)')
    parser.add_argument(
        '--resume', nargs='?', type=str, const='auto',
        help='resume from PATH, or with no value / "auto" from the latest '
        'checkpoint in the work dir')
    parser.add_argument('--no-resume', action='store_true',
                        help='start from scratch even if the config has '
                        'resume=True')
    parser.add_argument('--pretrained', help='checkpoint of a pretrained '
                        'backbone (sets model.backbone.init_cfg)')
    parser.add_argument('--pretrained-prefix', default=None,
                        help="key prefix in --pretrained (default: the "
                        "config's, else 'backbone.')")
    parser.add_argument(
        '--amp', nargs='?', const='auto', default=None,
        choices=['auto', 'bf16', 'fp16', 'fp32'],
        help='mixed precision (MixedPrecisionOptimWrapper): with no value / '
        '"auto" bf16 where the CPU or GPU runs it fast, fp16 + gradient '
        'scaler on older GPUs, else float32 (logged with the reason)')
    parser.add_argument('--compile', action='store_true',
                        help='torch.compile the backbone and neck in place')
    parser.add_argument('--auto-scale-lr', action='store_true',
                        help='scale the lr by the total batch size')
    parser.add_argument('--seed', type=int, default=None, help='random seed')
    parser.add_argument('--diff-rank-seed', action='store_true',
                        help='use a different seed on each rank')
    parser.add_argument('--deterministic', action='store_true',
                        help='deterministic cudnn/torch algorithms')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries, key=value')
    parser.add_argument('--launcher', default='none',
                        choices=['none', 'pytorch', 'slurm', 'mpi'],
                        help='job launcher')
    # torch.distributed.launch passes --local-rank (torch>=2) or
    # --local_rank (older); torchrun uses the LOCAL_RANK variable.
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args()
    if 'LOCAL_RANK' not in os.environ:
        os.environ['LOCAL_RANK'] = str(args.local_rank)
    return args


def merge_args(cfg, args):
    """Apply the command line to the config."""
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir', None) is None:
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])
    if args.no_resume:
        cfg.resume = False
        cfg.load_from = None
    elif args.resume == 'auto':
        cfg.resume = True
        cfg.load_from = None
    elif args.resume is not None:
        cfg.resume = True
        cfg.load_from = args.resume
    if args.pretrained is not None:
        init_cfg = cfg.model.backbone.get('init_cfg') or {}
        prefix = args.pretrained_prefix or init_cfg.get('prefix',
                                                        'backbone.')
        cfg.model.backbone.init_cfg = dict(
            type='Pretrained', checkpoint=args.pretrained, prefix=prefix)
    if args.amp is not None:
        set_precision(cfg, args.amp)
    if args.compile and not cfg.get('compile'):
        cfg.compile = True  # a config's compile dict is kept
    if args.auto_scale_lr:
        if 'auto_scale_lr' not in cfg or \
                'base_batch_size' not in cfg.auto_scale_lr:
            raise ValueError('--auto-scale-lr needs auto_scale_lr='
                             'dict(base_batch_size=...) in the config')
        cfg.auto_scale_lr.enable = True
    randomness = cfg.get('randomness', {})
    if args.seed is not None:
        randomness['seed'] = args.seed
    if args.diff_rank_seed:
        randomness['diff_rank_seed'] = True
    if args.deterministic:
        randomness['deterministic'] = True
    cfg.randomness = randomness
    cfg.launcher = args.launcher
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    return cfg


def main():
    args = parse_args()
    register_all_modules(init_default_scope=False)
    cfg = Config.fromfile(args.config)
    cfg = merge_args(cfg, args)
    cfg.setdefault('runner_type', 'SkeletonRunner')
    runner = RUNNERS.build(cfg)
    try:
        runner.train()
    except (CheckpointMismatchError, TrainingDivergedError) as e:
        # the message lists what differs / where training diverged
        raise SystemExit(f'tools/train.py: {e}') from None
    shutdown_distributed()


if __name__ == '__main__':
    main()
