"""Linear (logistic regression) and 1-NN probes of a frozen encoder.

    python tools/analysis_tools/probe_features.py CONFIG \
        [--checkpoint CKPT] [--random-init] [--raw] [--out result.json]

CONFIG is a pretraining config (any ``BaseSkeletonSSL`` algorithm: its
downstream encoder is probed, e.g. S-JEPA's target encoder) or a
recognizer / linear-probe config. CKPT is a training checkpoint of that
config (``epoch_N.pth``) or a backbone checkpoint written by
``tools/model_converters/extract_backbone.py``. Without CKPT the model is
probed at its random initialisation.

Training samples = the train dataloader's dataset through the *test*
pipeline (no augmentation); queries = the test dataloader's dataset.
Features = the model's ``extract_feat`` (mean-pooled encoder output).
``linear`` = logistic regression on standardised features, ``1-NN`` =
cosine nearest neighbour; all computed by ``skelbench.evaluation`` (this
script is its command line). Also
printed: per-dimension std of the L2-normalised training features and
their effective rank (collapse diagnostics).

``--random-init`` adds the same architecture at its random initialisation
(seed ``--seed``; with ``--random-init-seeds N``, seeds ``seed ..
seed + N - 1``, reported as mean and standard deviation: one random draw
of a small transformer varies by several points); ``--raw`` adds the
raw-coordinate baselines (flattened test-pipeline inputs).

``--group-key KEY`` (e.g. ``view``) adds, for every feature set, the
group-transfer probe of the *training* samples (``group_transfer_probe``):
train on one value of ``KEY``, test on another (``cross``), against a
stratified 2-fold split with the groups mixed (``mixed``). A large drop
from mixed to cross means the features encode the group (camera axes).

``--precise-bn`` first recomputes every batch-norm layer's running
statistics on the training samples through the test pipeline
(``recompute_bn_statistics``; weights unchanged), for the pretrained and
the random models alike. It matters for BN encoders (STTFormer, ST-GCN):
their stored statistics are those of the pretraining inputs (masked
clips) or, at random initialisation, the identity. A no-op for
transformers (LayerNorm).
"""
import argparse
import json
import os.path as osp
import time

import numpy as np
import torch
from mmengine.config import Config, DictAction
from mmengine.dataset import pseudo_collate
from torch.utils.data import DataLoader

from skelbench.checkpoint import load_encoder_weights
from skelbench.evaluation.functional import (build_probe_datasets,
                                             build_probe_model,
                                             dataset_groups,
                                             extract_features, mean_and_std,
                                             probe_features, raw_features,
                                             recompute_bn_statistics)
from skelbench.utils import register_all_modules


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('--checkpoint', help='training or backbone '
                        'checkpoint; none = random initialisation')
    parser.add_argument('--random-init', action='store_true',
                        help='also probe the randomly initialised model')
    parser.add_argument('--raw', action='store_true',
                        help='also probe the raw coordinates')
    parser.add_argument('--seed', type=int, default=0,
                        help='seed of the random initialisation')
    parser.add_argument('--random-init-seeds', type=int, default=1,
                        help='number of random initialisations (seeds '
                        'seed, seed + 1, ...): mean and std')
    parser.add_argument('--group-key', help='data-info key (e.g. view): '
                        'also report cross-group vs mixed-split probes of '
                        'the training samples')
    parser.add_argument('--precise-bn', action='store_true',
                        help='recompute BN running statistics on the '
                        'training samples (test pipeline) before probing')
    parser.add_argument('--batch-size', type=int, default=64)
    parser.add_argument('--out', help='write the results as JSON')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    register_all_modules()
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    start = time.time()
    train_set, test_set = build_probe_datasets(cfg)
    groups = (dataset_groups(train_set, args.group_key)
              if args.group_key else None)

    def loader(ds):
        return DataLoader(ds, batch_size=args.batch_size, shuffle=False,
                          collate_fn=pseudo_collate, num_workers=0)

    def probe(train, test):
        """Probes of ``((x_train, y_train), (x_test, y_test))``."""
        return probe_features(*train, *test, groups=groups)

    def encode(model):
        if args.precise_bn:
            # shuffled (seeded): batches of one class would under-estimate
            # the variances
            bn_loader = DataLoader(
                train_set, batch_size=args.batch_size, shuffle=True,
                collate_fn=pseudo_collate, num_workers=0,
                generator=torch.Generator().manual_seed(args.seed))
            n = recompute_bn_statistics(model, bn_loader)
            print(f'precise BN: {n} batch-norm layers recomputed on '
                  f'{len(train_set)} training samples')
        return (extract_features(model, loader(train_set)),
                extract_features(model, loader(test_set)))

    if args.random_init_seeds < 1:
        raise ValueError('--random-init-seeds must be >= 1, got '
                         f'{args.random_init_seeds}')

    def random_init():
        runs = [probe(*encode(build_probe_model(cfg, args.seed + i)))
                for i in range(args.random_init_seeds)]
        return runs[0] if len(runs) == 1 else mean_and_std(runs)

    results = {}
    if args.checkpoint:
        model = build_probe_model(cfg, args.seed)
        what = load_encoder_weights(model, args.checkpoint)
        print(f'loaded {what} from {args.checkpoint}')
        results['pretrained'] = probe(*encode(model))
        if args.random_init:
            results['random init'] = random_init()
    else:
        results['random init'] = random_init()
    if args.raw:
        results['raw coordinates'] = probe(raw_features(train_set),
                                           raw_features(test_set))

    print(f'config {osp.basename(args.config)}: train {len(train_set)} / '
          f'test {len(test_set)} samples')
    print(f'{"features":<17}{"dim":>6}{"linear":>9}{"1-NN":>8}'
          f'{"std mean":>10}{"std min":>9}{"eff.rank":>10}')
    for name, r in results.items():
        print(f'{name:<17}{r["dim"]:>6}{r["linear"]:>8.1f}%'
              f'{r["nn1"]:>7.1f}%{r["std_mean"]:>10.4f}{r["std_min"]:>9.4f}'
              f'{r["effective_rank"]:>10.1f}')
        if 'seeds' in r:
            print(f'{"":<17}{"":>6}{"+-" + format(r["linear_std"], ".1f"):>9}'
                  f'{"+-" + format(r["nn1_std"], ".1f"):>8}'
                  f'   (mean +- std over {r["seeds"]} seeds)')
            print(f'{"":<17}per seed: linear ' + ' / '.join(
                f'{v:.1f}' for v in r['linear_per_seed']) + ', 1-NN ' +
                ' / '.join(f'{v:.1f}' for v in r['nn1_per_seed']))
    if groups is not None:
        print(f'group transfer on the train split ({args.group_key}: '
              f'{len(np.unique(groups))} groups): linear / 1-NN')
        for name, r in results.items():
            print(f'{name:<17}cross {r["cross_linear"]:5.1f}% / '
                  f'{r["cross_nn1"]:5.1f}%   mixed 2-fold '
                  f'{r["mixed_linear"]:5.1f}% / {r["mixed_nn1"]:5.1f}%')
    print(f'time {time.time() - start:.1f}s')
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(dict(config=args.config, checkpoint=args.checkpoint,
                           precise_bn=args.precise_bn, results=results),
                      f, indent=2)
    return results


if __name__ == '__main__':
    main()
