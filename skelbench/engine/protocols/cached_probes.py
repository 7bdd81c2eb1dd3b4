"""Linear probe and kNN retrieval on features cached once.

The frozen encoder is run over

* pass 0: the training split through the test pipeline (the kNN bank, the
  hold-out validation features and one linear-probe pass);
* passes 1 .. P-1: the training split through the training pipeline, with
  the dataset's augmentation epoch set to the pass index (so every pass
  draws other augmentations);
* the test split through the test pipeline,

and the classifier of the benchmark config's protocol is trained on the
cache (:func:`~skelbench.evaluation.functional.cached_linear_probe`: the
same head, SGD, lr, epochs, batch size and schedule; epoch ``e`` trains
on pass ``e mod P``). kNN: cosine 1-NN and the weighted 20-NN vote of
:class:`~skelbench.evaluation.metrics.KNNMetric` (temperature 0.07).
"""
import copy
import os.path as osp
import re
from typing import Dict, Optional, Sequence

import numpy as np
import torch
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from torch.utils.data import DataLoader

from skelbench.checkpoint import load_encoder_weights
from skelbench.evaluation.functional import (build_probe_model,
                                             cached_linear_probe,
                                             extract_features,
                                             train_split_dataset_cfg)
from skelbench.evaluation.metrics.knn_metric import knn_predict
from skelbench.registry import DATASETS

_PROCS_X_BATCH = re.compile(r'_(\d+)xb(\d+)-')

__all__ = ['probe_settings', 'total_batch_size', 'cache_features',
           'cached_linear', 'cached_knn']


def probe_settings(cfg: Config) -> dict:
    """The SGD protocol of a linear-probe config, as the keyword arguments
    of :func:`cached_linear_probe`: ``epochs``, ``lr``, ``momentum``,
    ``weight_decay``, ``batch_size`` (the total batch: processes x batch of
    the config's name ``{procs}xb{batch}``, else the per-process batch),
    the step ``milestones`` of a ``MultiStepLR`` (else cosine) and
    ``pre_norm``.

    Raises:
        ValueError: For an optimizer other than SGD or a scheduler other
            than cosine / multi-step (the cache cannot reproduce it).
    """
    optim = cfg.optim_wrapper.optimizer
    if optim.type != 'SGD':
        raise ValueError(f'{cfg.filename}: the cached probe reproduces SGD '
                         f'protocols, the config uses {optim.type}')
    out = dict(epochs=int(cfg.train_cfg.max_epochs), lr=float(optim.lr),
               momentum=float(optim.get('momentum', 0.)),
               weight_decay=float(optim.get('weight_decay', 0.)),
               batch_size=total_batch_size(cfg),
               pre_norm=cfg.model.cls_head.get('pre_norm') == 'bn_noaffine')
    for sched in cfg.get('param_scheduler') or []:
        if sched.type == 'MultiStepLR':
            out.update(milestones=list(sched.milestones),
                       gamma=float(sched.get('gamma', 0.1)))
        elif sched.type != 'CosineAnnealingLR' or sched.get('eta_min', 0):
            raise ValueError(f'{cfg.filename}: the cached probe has cosine '
                             f'to 0 or multi-step schedules, not {sched}')
    return out


def total_batch_size(cfg: Config) -> int:
    """Processes x per-process batch, from a config name
    ``..._{procs}xb{batch}-...``; the dataloader's batch otherwise."""
    match = _PROCS_X_BATCH.search(osp.basename(cfg.filename or ''))
    per_process = int(cfg.train_dataloader.batch_size)
    return int(match.group(1)) * per_process if match else per_process


def _loader(dataset, batch_size: int):
    return DataLoader(dataset, batch_size=batch_size, shuffle=False,
                      collate_fn=pseudo_collate, num_workers=0)


def cache_features(cfg: Config, checkpoint: Optional[str], passes: int = 1,
                   batch_size: int = 64, seed: int = 0
                   ) -> Dict[str, np.ndarray]:
    """Features of a linear-probe config's encoder.

    Args:
        cfg (Config): A linear-probe benchmark config (its model, the
            training and the test dataloaders' datasets).
        checkpoint (str, optional): Backbone or training checkpoint; None =
            the random initialisation under ``seed``.
        passes (int): ``P`` (see the module docstring), >= 1.
        batch_size (int): Encoding batch size.
        seed (int): Seed of the model initialisation (a random encoder).

    Returns:
        dict: ``train`` ``(P, N, D)``, ``train_labels`` ``(N,)``, ``test``
        ``(N_test, D)``, ``test_labels`` ``(N_test,)``.
    """
    if passes < 1:
        raise ValueError(f'passes must be >= 1, got {passes}')
    model_cfg = copy.deepcopy(cfg)
    model_cfg.model.backbone.init_cfg = None  # weights: load_encoder_weights
    model = build_probe_model(model_cfg, seed)
    if checkpoint:
        load_encoder_weights(model, checkpoint)
    bank_cfg, test_loader = train_split_dataset_cfg(
        cfg, pipeline_from=('test_dataloader', ), user='the cached probe')
    bank = DATASETS.build(bank_cfg)
    feats, labels = extract_features(model, _loader(bank, batch_size))
    train = [feats]
    if passes > 1:
        augmented = DATASETS.build(copy.deepcopy(cfg.train_dataloader.dataset))
        for p in range(1, passes):
            if hasattr(augmented, 'set_epoch'):
                augmented.set_epoch(p)
            f, y = extract_features(model, _loader(augmented, batch_size))
            if not np.array_equal(y, labels):
                raise ValueError('the training pipeline changed the order '
                                 'or the labels of the training split')
            train.append(f)
    test, test_labels = extract_features(
        model, _loader(DATASETS.build(test_loader['dataset']), batch_size))
    return dict(train=np.stack(train), train_labels=labels, test=test,
                test_labels=test_labels)


def cached_linear(cache: Dict[str, np.ndarray], cfg: Config,
                  val_fraction: Optional[float] = None, seed: int = 0,
                  num_classes: Optional[int] = None) -> dict:
    """The config's linear protocol on ``cache``: ``last``, and with
    ``val_fraction`` ``test_at_best_val`` (see
    :func:`cached_linear_probe`)."""
    settings = probe_settings(cfg)
    num_classes = num_classes or cfg.model.cls_head.num_classes
    return cached_linear_probe(
        cache['train'], cache['train_labels'], cache['test'],
        cache['test_labels'], num_classes=num_classes,
        val_fraction=val_fraction, seed=seed, **settings)


def cached_knn(cache: Dict[str, np.ndarray], topk: Sequence[int] = (1, 20),
               num_classes: Optional[int] = None) -> dict:
    """kNN top-1 (%) of the test features in the pass-0 training bank:
    ``{'k1_acc': ..., 'k20_acc': ...}``."""
    bank = torch.from_numpy(cache['train'][0])
    bank_labels = torch.from_numpy(cache['train_labels'])
    labels = torch.from_numpy(cache['test_labels'])
    num_classes = num_classes or int(max(bank_labels.max(),
                                         labels.max())) + 1
    preds = knn_predict(torch.from_numpy(cache['test']), bank, bank_labels,
                        topk, num_classes)
    return {f'k{k}_acc': float((p == labels).double().mean()) * 100
            for k, p in zip(topk, preds)}
