"""Measure the throughput of a config's training pipeline (one process).

    python tools/analysis_tools/benchmark_pipeline.py CONFIG \
        [--num-samples 500] [--source random|dataset] [--shape 2 300 25 3]

``CONFIG`` may also be ``preset:NAME`` with NAME one of the papers'
training pipelines defined below (mamp, nat, sjepa, byol, isc,
skeletonmae), so the figures in docs/transforms.md are reproducible
without a full config.

Builds ``train_dataloader.dataset.pipeline`` from the config (or a
pipeline given by ``--pipeline-key``), feeds it NTU-shaped random-walk
samples (``M x T x V x C`` = 2 x 300 x 25 x 3 by default, with the
config's layout) or the config's dataset itself, and reports samples/s of
one worker. Run it pinned to one core (``taskset -c 0``) for the per-core
figure.
"""
import argparse
import time

import numpy as np
from mmengine.config import Config, DictAction
from mmengine.dataset import Compose

from skelbench.registry import DATASETS, TRANSFORMS
from skelbench.utils import register_all_modules


_BYOL_T1 = [dict(type='RandomResample', rate_range=(0.7, 1.3)),
            dict(type='PadTo', length=150),
            dict(type='SavitzkyGolayFilter', window_length=15, polyorder=2,
                 p=0.5),
            dict(type='RandomShear', shear=1.0),
            dict(type='RandomTemporalShift', max_shift=150),
            dict(type='RandomSideDrop', p=0.5),
            dict(type='JointToBone'),
            dict(type='ConcatStreams', keys=('keypoint', 'bone'))]
_BYOL_T2 = [dict(type='RandomResample', rate_range=(0.7, 1.3)),
            dict(type='PadTo', length=150),
            dict(type='JointToBone'),
            dict(type='ConcatStreams', keys=('keypoint', 'bone'))]
_ISC_VIEW = [dict(type='TemporalCropResize', clip_len=64,
                  ratio_range=(0.1, 1.0), min_len=64),
             dict(type='RandomChoice', transforms=[
                 dict(type='RandomShear', shear=1.0),
                 dict(type='RandomJointJitter', num_joints=15)])]
_MAMP = [dict(type='TemporalCropResize', clip_len=120,
              ratio_range=(0.5, 1.0), min_len=64),
         dict(type='RandomEulerRotation', theta=0.3)]
_MASK_KEYS = ('target', 'mask', 'ids_keep', 'ids_masked', 'ids_restore')
PRESETS = dict(
    mamp=_MAMP + [
        dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8),
        dict(type='GenerateReconstructionTarget', source='motion',
             norm='segment'),
        dict(type='PackSkeletonInputs', algorithm_keys=_MASK_KEYS)],
    nat=_MAMP + [
        dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8),
        dict(type='GenerateReconstructionTarget', source='joint',
             norm='nat'),
        dict(type='PackSkeletonInputs', algorithm_keys=_MASK_KEYS)],
    sjepa=[dict(type='TemporalCropResize', clip_len=120,
                ratio_range=(0.5, 1.0), min_len=64),
           dict(type='RandomBodyAxisRotation'),
           dict(type='RandomTranslation', max_offset=0.1),
           dict(type='RandomFlip', p=0.5, swap_joints=False),
           dict(type='MotionAwareMasking', mask_ratio=0.9, tau=0.8),
           dict(type='PackSkeletonInputs',
                algorithm_keys=_MASK_KEYS[1:])],
    byol=[dict(type='MultiView', pipelines=[_BYOL_T1, _BYOL_T2]),
          dict(type='PackSkeletonInputs')],
    isc=[dict(type='MultiView', num_views=2, pipelines=[_ISC_VIEW]),
         dict(type='PackSkeletonInputs')],
    skeletonmae=[dict(type='UniformSampleFrames', clip_len=120),
                 dict(type='SpatioTemporalMasking', frame_ratio=0.5,
                      joint_ratio=0.5),
                 dict(type='PackSkeletonInputs',
                      algorithm_keys=_MASK_KEYS[1:])],
)


def random_sample(shape, layout, idx, seed=0, valid=None):
    """A smooth random-walk sample with ``valid`` non-zero frames."""
    rng = np.random.default_rng([seed, idx])
    M, T, V, C = shape
    kp = (rng.normal(size=(M, 1, V, C)) + 0.02 * rng.normal(
        size=(M, T, V, C)).cumsum(1)).astype(np.float32)
    valid = T if valid is None else valid
    kp[:, valid:] = 0
    return dict(keypoint=kp, total_frames=T, layout=layout, label=0,
                sample_idx=idx, rng=np.random.default_rng([seed, 0, idx]))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config', help='config file path')
    parser.add_argument('--num-samples', type=int, default=500)
    parser.add_argument('--warmup', type=int, default=20)
    parser.add_argument('--source', choices=['random', 'dataset'],
                        default='random')
    parser.add_argument('--shape', type=int, nargs=4, default=[2, 300, 25, 3],
                        metavar=('M', 'T', 'V', 'C'))
    parser.add_argument('--valid-frames', type=int, default=None,
                        help='non-zero frames of the random samples '
                        '(default: all T)')
    parser.add_argument('--pipeline-key', default=None,
                        help='top-level config key of the pipeline '
                        '(default: train_dataloader.dataset.pipeline)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    return parser.parse_args()


def main():
    args = parse_args()
    register_all_modules(init_default_scope=True)
    if args.config.startswith('preset:'):
        name = args.config.split(':', 1)[1]
        if name not in PRESETS:
            raise SystemExit(f'unknown preset {name!r}; one of '
                             f'{sorted(PRESETS)}')
        cfg = Config(dict(train_dataloader=dict(dataset=dict(
            pipeline=PRESETS[name], layout='nturgb+d'))))
        if args.source == 'dataset':
            raise SystemExit('--source dataset needs a real config')
    else:
        cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    ds_cfg = cfg.train_dataloader.dataset
    while 'dataset' in ds_cfg and 'pipeline' not in ds_cfg:  # wrappers
        ds_cfg = ds_cfg.dataset
    pipe_cfg = (cfg[args.pipeline_key] if args.pipeline_key
                else ds_cfg.pipeline)
    layout = ds_cfg.get('layout', 'nturgb+d')
    if not isinstance(layout, str):
        layout = layout.get('type', 'nturgb+d')
    n = args.num_samples
    if args.source == 'dataset':
        dataset = DATASETS.build(ds_cfg)
        total = n + args.warmup

        def get(i):
            return dataset[i % len(dataset)]
        desc = f'{type(dataset).__name__} ({len(dataset)} samples)'
    else:
        pipeline = Compose([TRANSFORMS.build(t) for t in pipe_cfg])
        total = n + args.warmup
        samples = [random_sample(args.shape, layout, i,
                                 valid=args.valid_frames)
                   for i in range(min(total, 64))]

        def get(i):
            s = samples[i % len(samples)]
            res = dict(s, keypoint=s['keypoint'].copy(),
                       rng=np.random.default_rng([0, 1, i]))
            return pipeline(res)
        desc = f'random {tuple(args.shape)} layout={layout}'
    for i in range(args.warmup):
        get(i)
    start = time.perf_counter()
    for i in range(args.warmup, total):
        out = get(i)
    elapsed = time.perf_counter() - start
    inputs = out['inputs']
    shapes = ([tuple(x.shape) for x in inputs] if isinstance(inputs, list)
              else tuple(inputs.shape))
    print(f'config: {args.config}')
    print(f'input: {desc}; output inputs: {shapes}')
    print(f'{n} samples in {elapsed:.2f} s: {n / elapsed:.1f} samples/s '
          f'per worker ({1e3 * elapsed / n:.2f} ms/sample)')


if __name__ == '__main__':
    main()
