"""Features of a frozen model for the probes.

* :func:`extract_features`: pooled ``extract_feat`` features and labels of
  every sample of a dataloader (eval mode);
* :func:`recompute_bn_statistics`: "precise BN" running statistics of a
  batch-norm encoder on the probe's training samples;
* :func:`raw_features`: the flattened packed inputs (raw-coordinate
  baseline).
"""
from typing import Tuple

import numpy as np
import torch

__all__ = ['extract_features', 'recompute_bn_statistics', 'raw_features']


@torch.no_grad()
def extract_features(model: torch.nn.Module, dataloader
                     ) -> Tuple[np.ndarray, np.ndarray]:
    """Pooled features and labels of every sample of ``dataloader``.

    ``model`` is a skelbench model (``SkeletonRecognizer`` or a
    ``BaseSkeletonSSL`` algorithm): batches go through its data
    preprocessor and ``extract_feat`` (the downstream encoder + pooling) in
    eval mode.

    Returns:
        tuple: ``(N, D)`` float32 features and ``(N,)`` int64 labels.
    """
    was_training = model.training
    model.eval()
    feats, labels = [], []
    try:
        for batch in dataloader:
            data = model.data_preprocessor(batch, False)
            feats.append(model.extract_feat(data['inputs']).float().cpu())
            labels.extend(int(ds.gt_label) for ds in data['data_samples'])
    finally:
        model.train(was_training)
    if not feats:
        raise ValueError('the dataloader yielded no samples')
    return torch.cat(feats).numpy(), np.asarray(labels, dtype=np.int64)


def recompute_bn_statistics(model: torch.nn.Module, dataloader) -> int:
    """Replace the running statistics of every batch-norm layer of
    ``model``'s downstream encoder by their averages over ``dataloader``
    ("precise BN"; Wu & Johnson, 2021), without changing any weight.

    Why: a BN encoder's stored statistics are those of its *training*
    inputs (for SkeletonMAE: 75% mask tokens) or, at random
    initialisation, the identity ``(0, 1)``; a frozen-feature probe then
    normalises unmasked clips with the wrong statistics. The batches go
    through ``model.data_preprocessor`` and ``extract_feat`` in train mode
    under ``no_grad``; every statistic is the cumulative average over all
    batches (``momentum=None``), and each layer's ``momentum`` is restored.
    Give a shuffled loader: the variance is the mean of the per-batch
    variances, which batches of a single class under-estimate.

    Returns:
        int: Number of batch-norm layers updated (0: nothing to do).
    """
    bns = [m for m in model.modules()
           if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)
           and m.track_running_stats]
    if not bns:
        return 0
    was_training = model.training
    momenta = [m.momentum for m in bns]
    for m in bns:
        m.reset_running_stats()
        m.momentum = None
    model.train()
    seen = 0
    try:
        with torch.no_grad():
            for batch in dataloader:
                data = model.data_preprocessor(batch, False)
                model.extract_feat(data['inputs'])
                seen += 1
    finally:
        for m, mom in zip(bns, momenta):
            m.momentum = mom
        model.train(was_training)
    if not seen:
        raise ValueError('the dataloader yielded no batches for the BN '
                         'statistics')
    return len(bns)


def raw_features(dataset) -> Tuple[np.ndarray, np.ndarray]:
    """Flattened packed ``inputs`` and labels of every sample of a dataset
    (the raw-coordinate baseline's features): ``(N, M T V C)``, ``(N,)``."""
    xs, ys = [], []
    for i in range(len(dataset)):
        item = dataset[i]
        xs.append(np.asarray(item['inputs'], dtype=np.float32).reshape(-1))
        ys.append(int(item['data_samples'].gt_label))
    if not xs:
        raise ValueError('the dataset is empty')
    return np.stack(xs), np.asarray(ys, dtype=np.int64)
