"""How a frozen encoder's probes depend on the test samples' orientation.

    python tools/analysis_tools/rotation_sensitivity.py CONFIG \
        --checkpoint CKPT [--angles -60 -30 0 30 60] [--out result.json]

The linear probe (logistic regression on standardised features) and the
cosine 1-NN are fitted once on the *unrotated* training split (test
pipeline, as ``probe_features.py``); the test split is then encoded again
with every sample turned by a fixed angle about its own vertical axis
(``RandomBodyAxisRotation(max_angle=0, offset=angle)`` prepended to the
test pipeline: Rodrigues about the pelvis-shoulder axis, as S-JEPA's
views). Printed per angle: linear and 1-NN accuracy, and the mean cosine
between each test sample's standardised features at that angle and at 0.

On NW-UCLA (views 1-2 -> 3) this measures the camera change of the
cross-view benchmark: view 3's bodies face the camera ~25 deg further
round than views 1-2's (``body_facing_angle``, median +24 vs -3 deg), so
an encoder whose features are not invariant to that turn loses accuracy
on view 3 that turning the test samples back recovers. CONFIG / CKPT as
``probe_features.py`` (training or backbone checkpoint; without CKPT the
random initialisation).
"""
import argparse
import copy
import json
import os.path as osp

import numpy as np
from mmengine.config import Config, DictAction
from mmengine.dataset import pseudo_collate
from torch.utils.data import DataLoader

from skelbench.checkpoint import load_encoder_weights
from skelbench.evaluation.functional import (build_probe_datasets,
                                             build_probe_model,
                                             extract_features,
                                             fit_logistic_probe,
                                             nearest_neighbour_accuracy)
from skelbench.registry import DATASETS
from skelbench.utils import register_all_modules

DEFAULT_ANGLES = (-60, -45, -30, -15, 0, 15, 30, 45, 60)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config')
    parser.add_argument('--checkpoint', help='training or backbone '
                        'checkpoint (default: random initialisation)')
    parser.add_argument('--angles', type=float, nargs='+',
                        default=list(DEFAULT_ANGLES),
                        help='test-time rotations in degrees')
    parser.add_argument('--seed', type=int, default=0,
                        help='model initialisation seed')
    parser.add_argument('--batch-size', type=int, default=64)
    parser.add_argument('--out', help='write the results as JSON')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    return parser.parse_args(argv)


def rotated_dataset(test_cfg, angle_deg: float):
    """The test dataset with every sample turned by ``angle_deg`` about
    its body axis before the config's test pipeline (0: the plain test
    dataset, bit-identical to ``probe_features.py``'s)."""
    cfg = copy.deepcopy(test_cfg)
    if angle_deg == 0:
        return DATASETS.build(cfg)
    cfg.pipeline = [dict(type='RandomBodyAxisRotation', max_angle=0.,
                         offset=float(np.radians(angle_deg)))] + list(
                             cfg.pipeline)
    return DATASETS.build(cfg)


def mean_cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Mean over rows of the cosine between ``a[i]`` and ``b[i]``."""
    num = (a * b).sum(1)
    den = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return float(np.mean(num / np.maximum(den, 1e-12)))


def main(argv=None):
    args = parse_args(argv)
    register_all_modules()
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    angles = sorted(set(float(a) for a in args.angles) | {0.})
    if not all(np.isfinite(angles)):
        raise ValueError(f'--angles must be finite, got {args.angles}')
    model = build_probe_model(cfg, args.seed)
    if args.checkpoint:
        print(f'loaded {load_encoder_weights(model, args.checkpoint)} '
              f'from {args.checkpoint}')

    def encode(ds):
        return extract_features(model, DataLoader(
            ds, batch_size=args.batch_size, shuffle=False,
            collate_fn=pseudo_collate, num_workers=0))

    train_set, _ = build_probe_datasets(cfg)
    x_tr, y_tr = encode(train_set)
    predict = fit_logistic_probe(x_tr, y_tr)
    mean, std = x_tr.mean(0), x_tr.std(0) + 1e-12
    feats = {a: encode(rotated_dataset(cfg.test_dataloader.dataset, a))
             for a in angles}
    base = (feats[0.][0] - mean) / std
    rows = []
    for a in angles:
        x_te, y_te = feats[a]
        rows.append(dict(
            angle=a,
            linear=float((predict(x_te) == y_te).mean() * 100),
            nn1=nearest_neighbour_accuracy(x_tr, y_tr, x_te, y_te),
            cosine=mean_cosine((x_te - mean) / std, base)))
    print(f'config {osp.basename(args.config)}: train {len(x_tr)} / test '
          f'{len(feats[0.][0])} samples, test turned about the body axis')
    print(f'{"angle":>7}{"linear":>9}{"1-NN":>8}{"cos to 0":>10}')
    for r in rows:
        print(f'{r["angle"]:>+7.0f}{r["linear"]:>8.1f}%{r["nn1"]:>7.1f}%'
              f'{r["cosine"]:>10.3f}')
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(dict(config=args.config, checkpoint=args.checkpoint,
                           results=rows), f, indent=2)
    return rows


if __name__ == '__main__':
    main()
