"""The papers' SGD linear-evaluation protocol on cached features.

The end-to-end protocol (``configs/*/benchmarks/linear-probe_*``) runs the
frozen encoder on every batch of every epoch. Its classifier only ever sees
the encoder's pooled features, so the same protocol can run on features
extracted once: ``P`` passes of the training split through the training
pipeline (``P = 1`` and the test pipeline when the protocol does not
augment; epoch ``e`` then uses pass ``e mod P``) and one pass of the test
split. The classifier, loss, optimiser and per-iteration schedule are
those of the end-to-end protocol (MAMP's head: ``BatchNorm1d(D,
affine=False)`` -> ``Linear(D, C)``, SGD, cosine to 0).

Model selection never looks at the test set: with ``val_fraction`` a
class-balanced, seeded part of the training split is held out, and the
result reports the test accuracy of the last epoch and of the epoch best
on that validation part (``best_on_test`` is reported only when asked,
under that name, for comparison with papers that report it).
"""
import math
from typing import Dict, Optional

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from skelbench.datasets.subsets import holdout_indices


class LinearClassifier(nn.Module):
    """MAMP's linear-evaluation head on pooled features:
    ``(N, D) -> BatchNorm1d(D, affine=False, eps=1e-6) -> Linear -> (N, C)``
    (``trunc_normal`` std 0.01 init, zero bias)."""

    def __init__(self, in_channels: int, num_classes: int,
                 pre_norm: bool = True):
        super().__init__()
        self.norm = nn.BatchNorm1d(in_channels, affine=False, eps=1e-6) \
            if pre_norm else nn.Identity()
        self.fc = nn.Linear(in_channels, num_classes)
        nn.init.trunc_normal_(self.fc.weight, std=0.01)
        nn.init.zeros_(self.fc.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.norm(x))


def _accuracy(model: nn.Module, feats: torch.Tensor, labels: torch.Tensor,
              batch_size: int = 4096) -> float:
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(feats), batch_size):
            pred = model(feats[i:i + batch_size]).argmax(1)
            correct += int((pred == labels[i:i + batch_size]).sum())
    return 100.0 * correct / max(len(feats), 1)


def holdout_split(labels: np.ndarray, val_fraction: float, seed: int = 0):
    """Class-balanced, seeded ``(train_idx, val_idx)`` of ``labels``: the
    split of :class:`~skelbench.datasets.HoldoutSubset`
    (:func:`~skelbench.datasets.subsets.holdout_indices`)."""
    return holdout_indices(labels, val_fraction, seed)


def cached_linear_probe(train_feats: np.ndarray, train_labels: np.ndarray,
                        test_feats: np.ndarray, test_labels: np.ndarray,
                        num_classes: Optional[int] = None,
                        epochs: int = 100, lr: float = 0.1,
                        batch_size: int = 128, momentum: float = 0.9,
                        weight_decay: float = 0.,
                        milestones: Optional[list] = None,
                        gamma: float = 0.1, pre_norm: bool = True,
                        val_fraction: Optional[float] = None,
                        report_best_on_test: bool = False,
                        seed: int = 0) -> Dict[str, float]:
    """Train the linear classifier on cached features; test accuracies.

    Args:
        train_feats (ndarray): ``(N, D)``, or ``(P, N, D)`` for ``P``
            augmented passes (epoch ``e`` trains on pass ``e mod P``).
        train_labels (ndarray): ``(N,)`` integer labels.
        test_feats (ndarray): ``(N_test, D)``.
        test_labels (ndarray): ``(N_test,)``.
        num_classes (int, optional): ``C``; default ``max label + 1``.
        epochs, lr, batch_size, momentum, weight_decay: the SGD protocol
            (MAMP: 100 epochs, lr 0.1, batch 256 (2 x 128), momentum 0.9,
            no weight decay).
        milestones (list, optional): epochs of a step schedule (x
            ``gamma``; skeleton BYOL: lr 30, x0.1 at 60 / 80); default:
            cosine to 0 per iteration.
        pre_norm (bool): the ``BatchNorm1d(affine=False)`` before the
            classifier.
        val_fraction (float, optional): class-balanced part of the
            training split held out for model selection.
        report_best_on_test (bool): also report the maximum test accuracy
            over epochs (``best_on_test``; never used for selection).
        seed (int): classifier init, batch order and hold-out.

    Returns:
        dict: ``last`` (test top-1 % after the last epoch), and with
        ``val_fraction`` ``best_val`` (best validation top-1),
        ``best_val_epoch`` and ``test_at_best_val``; ``best_on_test`` if
        asked; ``epochs``, ``passes``.
    """
    train_feats = np.asarray(train_feats, dtype=np.float32)
    if train_feats.ndim == 2:
        train_feats = train_feats[None]
    if train_feats.ndim != 3:
        raise ValueError('train_feats must be (N, D) or (P, N, D), got '
                         f'shape {train_feats.shape}')
    train_labels = np.asarray(train_labels, dtype=np.int64)
    test_labels = np.asarray(test_labels, dtype=np.int64)
    test_feats = np.asarray(test_feats, dtype=np.float32)
    passes, n, dim = train_feats.shape
    if train_labels.shape != (n, ):
        raise ValueError(f'train_labels must be ({n},), got '
                         f'{train_labels.shape}')
    if test_feats.ndim != 2 or test_feats.shape[1] != dim or \
            test_labels.shape != (test_feats.shape[0], ):
        raise ValueError(f'test features / labels must be (N_test, {dim}) / '
                         f'(N_test,), got {test_feats.shape} / '
                         f'{test_labels.shape}')
    for name, f in (('train', train_feats), ('test', test_feats)):
        if not np.isfinite(f).all():
            raise ValueError(f'{name} features contain NaN/inf')
    if epochs < 1 or batch_size < 1 or lr <= 0:
        raise ValueError('epochs and batch_size must be >= 1 and lr > 0, got '
                         f'{epochs}, {batch_size}, {lr}')
    if num_classes is None:
        num_classes = int(max(train_labels.max(), test_labels.max())) + 1
    for name, y in (('train', train_labels), ('test', test_labels)):
        if y.min() < 0 or y.max() >= num_classes:
            raise ValueError(f'{name} labels must be in [0, {num_classes}), '
                             f'got [{y.min()}, {y.max()}]')

    if val_fraction:
        fit_idx, val_idx = holdout_split(train_labels, val_fraction, seed)
    else:
        fit_idx, val_idx = np.arange(n), None
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    model = LinearClassifier(dim, num_classes, pre_norm=pre_norm)
    optim = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum,
                            weight_decay=weight_decay)
    feats_t = torch.from_numpy(train_feats)
    labels_t = torch.from_numpy(train_labels)
    test_t, test_y = torch.from_numpy(test_feats), torch.from_numpy(
        test_labels)
    fit_t = torch.from_numpy(fit_idx)
    iters_per_epoch = math.ceil(len(fit_idx) / batch_size)
    total = epochs * iters_per_epoch
    milestones = sorted(milestones or [])
    out = dict(epochs=epochs, passes=passes)
    best_val, best_test = -1.0, -1.0
    step = 0
    for epoch in range(epochs):
        model.train()
        feats_e = feats_t[epoch % passes]
        order = fit_t[torch.randperm(len(fit_t), generator=gen)]
        for i in range(iters_per_epoch):
            if milestones:
                factor = gamma ** sum(epoch >= m for m in milestones)
            else:
                factor = 0.5 * (1 + math.cos(math.pi * step / total))
            for g in optim.param_groups:
                g['lr'] = lr * factor
            idx = order[i * batch_size:(i + 1) * batch_size]
            loss = F.cross_entropy(model(feats_e[idx]), labels_t[idx])
            optim.zero_grad()
            loss.backward()
            optim.step()
            step += 1
        test_acc = _accuracy(model, test_t, test_y)
        best_test = max(best_test, test_acc)
        if val_idx is not None:
            vi = torch.from_numpy(val_idx)
            # validation features: the first pass (the least augmented one
            # when pass 0 is the test pipeline)
            val_acc = _accuracy(model, feats_t[0][vi], labels_t[vi])
            if val_acc > best_val:
                best_val = val_acc
                out.update(best_val=val_acc, best_val_epoch=epoch + 1,
                           test_at_best_val=test_acc)
    out['last'] = test_acc
    if report_best_on_test:
        out['best_on_test'] = best_test
    return out
