"""Wall time of a frozen-encoder linear probe: end-to-end vs cached features.

    python tools/analysis_tools/benchmark_probes.py \\
        configs/mamp/benchmarks/linear-probe_transformer_2xb128-100e_ntu60-xsub.py \\
        --num-train 40000 --num-test 16487 \\
        --cfg-options model.backbone.depth=4 model.backbone.embed_dims=128 \\
        model.backbone.num_heads=4 model.cls_head.in_channels=128

On generated samples of the config's shape (``--persons`` x ``--frames`` x
the layout's joints x 3) it times, in one process:

* the **end-to-end** protocol's iteration (what ``tools/train.py`` runs
  every epoch of a linear-probe config): the frozen encoder's forward and
  the classifier's loss, backward and SGD step, ``model.loss`` on a
  training batch (per-process batch of the config);
* the **encoder pass** of the cached protocol (``extract_feat`` under
  ``no_grad``, what ``skelbench.engine.protocols.cache_features`` runs
  ``P`` times over the training split and once over the test split);
* the **cached classifier**: ``cached_linear_probe`` run for real on
  ``(P, num_train, D)`` feature arrays with the config's epochs, lr,
  batch and schedule (random features; the time does not depend on
  their values).

The per-batch medians are scaled to the split sizes: end-to-end = epochs
x train batches x iteration (+ one test pass per ``val_interval``), cached
= (P x train + test) batches x encoder pass + the measured classifier.
The data pipeline (augmentation, loading) is left out of both, which
favours the end-to-end protocol (it runs the pipeline every epoch, the
cache P times). Other processes on the same cores slow both sides.
"""
import argparse
import math
import statistics
import time

import numpy as np
import torch
from mmengine.config import Config, DictAction

from skelbench.engine.protocols import probe_settings
from skelbench.evaluation.functional import (build_probe_model,
                                             cached_linear_probe)
from skelbench.layouts import get_layout
from skelbench.structures import SkeletonDataSample
from skelbench.utils import register_all_modules


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config', help='a linear-probe config')
    p.add_argument('--num-train', type=int, default=40000)
    p.add_argument('--num-test', type=int, default=16487)
    p.add_argument('--persons', type=int, default=2)
    p.add_argument('--frames', type=int, default=120)
    p.add_argument('--passes', type=int, default=5,
                   help='cached passes over the training split (the '
                   "harness's --passes)")
    p.add_argument('--iters', type=int, default=5,
                   help='timed batches per measurement (after one warm-up)')
    p.add_argument('--threads', type=int, default=None)
    p.add_argument('--cfg-options', nargs='+', action=DictAction)
    return p.parse_args(argv)


def _median_seconds(fn, iters: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(iters):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _num_joints(cfg) -> int:
    backbone = cfg.model.backbone
    if backbone.get('num_joints'):
        return int(backbone.num_joints)
    if backbone.get('layout') is None:
        raise ValueError(f'{cfg.filename}: model.backbone has neither '
                         'num_joints nor layout')
    return get_layout(backbone.layout).num_joints


def main(argv=None) -> dict:
    """Print the comparison; return its seconds (``e2e_iter``,
    ``encode``, ``encode_test``, ``classifier``, ``extraction``,
    ``end_to_end``, ``cached``) and ``speedup``."""
    args = parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    register_all_modules()
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    cfg.model.backbone.init_cfg = None  # random weights: time only
    settings = probe_settings(cfg)
    epochs = settings['epochs']
    batch = int(cfg.train_dataloader.batch_size)
    test_batch = int(cfg.test_dataloader.get('batch_size', batch))
    val_interval = int(cfg.train_cfg.get('val_interval', 1))
    model = build_probe_model(cfg, seed=0)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optim = torch.optim.SGD(trainable, lr=settings['lr'],
                            momentum=settings['momentum'])
    shape = (args.persons, args.frames, _num_joints(cfg), 3)
    gen = torch.Generator().manual_seed(0)
    x_train = torch.randn(batch, *shape, generator=gen)
    x_test = torch.randn(test_batch, *shape, generator=gen)
    num_classes = int(cfg.model.cls_head.num_classes)
    samples = []
    for i in range(batch):
        s = SkeletonDataSample()
        s.set_gt_label(i % num_classes)
        samples.append(s)

    def e2e_iter():
        model.train()  # frozen stages stay in eval (norm_eval)
        losses = model.loss(x_train, samples)
        loss = sum(v for k, v in losses.items() if 'loss' in k)
        optim.zero_grad()
        loss.backward()
        optim.step()

    def encode(x):
        def run():
            model.eval()
            with torch.no_grad():
                return model.extract_feat(x)
        return run

    t_iter = _median_seconds(e2e_iter, args.iters)
    t_enc = _median_seconds(encode(x_train), args.iters)
    t_enc_test = _median_seconds(encode(x_test), args.iters)
    dim = int(encode(x_train[:2])().shape[1])

    train_batches = math.ceil(args.num_train / batch)
    test_batches = math.ceil(args.num_test / test_batch)
    e2e = epochs * train_batches * t_iter + \
        (epochs // val_interval) * test_batches * t_enc_test

    rng = np.random.default_rng(0)
    feats = rng.standard_normal((args.passes, args.num_train, dim),
                                dtype=np.float32)
    labels = rng.integers(0, num_classes, args.num_train)
    test_feats = rng.standard_normal((args.num_test, dim), dtype=np.float32)
    test_labels = rng.integers(0, num_classes, args.num_test)
    start = time.perf_counter()
    cached_linear_probe(feats, labels, test_feats, test_labels,
                        num_classes=num_classes, **settings)
    t_classifier = time.perf_counter() - start
    extraction = args.passes * train_batches * t_enc + \
        test_batches * t_enc_test
    cached = extraction + t_classifier

    print(f'{cfg.filename}: encoder {cfg.model.backbone.type}, features '
          f'{dim}, input {tuple(shape)}, {torch.get_num_threads()} threads')
    print(f'{args.num_train} training / {args.num_test} test samples, '
          f'{epochs} epochs, batch {batch} (test {test_batch}), '
          f'{args.passes} cached passes')
    print(f'end-to-end iteration  {t_iter:.3f} s/batch (median of '
          f'{args.iters})')
    print(f'encoder pass          {t_enc:.3f} s/batch, test batch '
          f'{t_enc_test:.3f} s')
    print(f'end-to-end protocol   {e2e / 60:.1f} min')
    print(f'cached protocol       {cached / 60:.1f} min = extraction '
          f'{extraction / 60:.1f} min + classifier {t_classifier / 60:.2f} '
          f'min (measured)')
    print(f'speed-up              {e2e / cached:.1f} x')
    return dict(e2e_iter=t_iter, encode=t_enc, encode_test=t_enc_test,
                classifier=t_classifier, extraction=extraction,
                end_to_end=e2e, cached=cached, speedup=e2e / cached,
                epochs=epochs, train_batches=train_batches,
                test_batches=test_batches, val_interval=val_interval)


if __name__ == '__main__':
    main()
