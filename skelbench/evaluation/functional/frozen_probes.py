"""Frozen-feature probes: logistic regression and cosine 1-NN.

The quick evaluation protocol of skelbench's CPU benchmarks: encode the
training and test splits with the frozen encoder (test pipeline, no
augmentation), then

* **linear**: multinomial logistic regression (L-BFGS, L2, ``C = 1``) on
  features standardised with the training split's mean / std;
* **1-NN**: label of the training sample with the largest cosine
  similarity.

The mmengine linear-probe configs (``configs/*/benchmarks/linear-probe_*``)
implement the papers' SGD protocol; this one needs no training schedule and
runs in seconds.
"""
from typing import Callable, Dict, List, Optional

import numpy as np

from .collapse_statistics import feature_statistics

__all__ = [
    'fit_logistic_probe', 'logistic_probe_accuracy',
    'nearest_neighbour_accuracy', 'group_transfer_probe', 'probe_features',
    'mean_and_std'
]


def _check_split(feats: np.ndarray, labels: np.ndarray, name: str) -> None:
    if feats.ndim != 2:
        raise ValueError(f'{name} features must be (N, D), got shape '
                         f'{feats.shape}')
    if labels.shape != (feats.shape[0], ):
        raise ValueError(f'{name} labels must be ({feats.shape[0]},), got '
                         f'{labels.shape}')
    if feats.shape[0] == 0:
        raise ValueError(f'{name} split is empty')
    if not np.isfinite(feats).all():
        bad = int((~np.isfinite(feats)).any(1).sum())
        raise ValueError(f'{name} features contain NaN/inf in {bad} of '
                         f'{feats.shape[0]} samples (diverged encoder?)')


def fit_logistic_probe(train_feats: np.ndarray, train_labels: np.ndarray,
                       max_iter: int = 2000, C: float = 1.0
                       ) -> Callable[[np.ndarray], np.ndarray]:
    """Fit the linear probe: logistic regression on standardised features.

    Args:
        train_feats (ndarray): ``(N_train, D)``.
        train_labels (ndarray): ``(N_train,)`` integer labels.
        max_iter (int): L-BFGS iterations.
        C (float): Inverse L2 strength.

    Returns:
        callable: ``predict(feats (N, D)) -> (N,)`` labels, standardising
        with the training split's mean / std.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    _check_split(train_feats, train_labels, 'train')
    classes = np.unique(train_labels)
    if len(classes) < 2:
        raise ValueError('the train split has a single class '
                         f'({classes.tolist()}); a linear probe needs two or '
                         'more (subset of a class-sorted dataset?)')
    scaler = StandardScaler().fit(train_feats)
    clf = LogisticRegression(max_iter=max_iter, C=C)
    clf.fit(scaler.transform(train_feats), train_labels)

    def predict(feats: np.ndarray) -> np.ndarray:
        return clf.predict(scaler.transform(feats))

    return predict


def logistic_probe_accuracy(train_feats: np.ndarray, train_labels: np.ndarray,
                            test_feats: np.ndarray, test_labels: np.ndarray,
                            max_iter: int = 2000, C: float = 1.0) -> float:
    """Top-1 accuracy (%) of logistic regression on standardised features
    (:func:`fit_logistic_probe`).

    Args:
        train_feats (ndarray): ``(N_train, D)``.
        train_labels (ndarray): ``(N_train,)`` integer labels.
        test_feats (ndarray): ``(N_test, D)``.
        test_labels (ndarray): ``(N_test,)``.
        max_iter (int): L-BFGS iterations.
        C (float): Inverse L2 strength.
    """
    _check_split(test_feats, test_labels, 'test')
    predict = fit_logistic_probe(train_feats, train_labels, max_iter, C)
    return float((predict(test_feats) == test_labels).mean() * 100)


def nearest_neighbour_accuracy(train_feats: np.ndarray,
                               train_labels: np.ndarray,
                               test_feats: np.ndarray,
                               test_labels: np.ndarray) -> float:
    """Top-1 accuracy (%) of cosine 1-NN of test against train features."""
    _check_split(train_feats, train_labels, 'train')
    _check_split(test_feats, test_labels, 'test')

    def unit(x):
        x = x.astype(np.float64)
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)

    nearest = (unit(test_feats) @ unit(train_feats).T).argmax(1)
    return float((train_labels[nearest] == test_labels).mean() * 100)


def group_transfer_probe(feats: np.ndarray, labels: np.ndarray,
                         groups: np.ndarray, seed: int = 0
                         ) -> Dict[str, float]:
    """How much of a probe's accuracy survives a change of group (view).

    Within one labelled set (e.g. the probe's training split, NW-UCLA
    views 1 and 2), compares

    * **cross-group**: train on all samples of group ``a``, test on those
      of group ``b``, averaged over every ordered pair ``a != b``;
    * **mixed**: a stratified 2-fold split of the same samples, groups
      mixed (the same training-set size as one group when there are two).

    Features that encode the group (camera axes, say) lose much more from
    mixed to cross-group than features that do not, at equal training-set
    size and equal probe.

    Args:
        feats (ndarray): ``(N, D)`` features.
        labels (ndarray): ``(N,)`` class labels.
        groups (ndarray): ``(N,)`` group of each sample (>= 2 groups).
        seed (int): Seed of the mixed split.

    Returns:
        dict: ``cross_linear``, ``cross_nn1``, ``mixed_linear``,
        ``mixed_nn1`` (%) and ``groups`` (number of groups).
    """
    from sklearn.model_selection import StratifiedKFold
    feats, labels = np.asarray(feats), np.asarray(labels)
    groups = np.asarray(groups)
    _check_split(feats, labels, 'group-transfer')
    if groups.shape != labels.shape:
        raise ValueError(f'groups must be ({labels.shape[0]},), got '
                         f'{groups.shape}')
    values = np.unique(groups)
    if len(values) < 2:
        raise ValueError(f'group transfer needs >= 2 groups, got '
                         f'{values.tolist()}')

    def both(tr, te):
        args = (feats[tr], labels[tr], feats[te], labels[te])
        return (logistic_probe_accuracy(*args),
                nearest_neighbour_accuracy(*args))

    cross = [both(groups == a, groups == b)
             for a in values for b in values if a != b]
    folds = StratifiedKFold(2, shuffle=True, random_state=seed)
    mixed = [both(tr, te) for tr, te in folds.split(feats, labels)]
    cross, mixed = np.mean(cross, 0), np.mean(mixed, 0)
    return dict(cross_linear=float(cross[0]), cross_nn1=float(cross[1]),
                mixed_linear=float(mixed[0]), mixed_nn1=float(mixed[1]),
                groups=int(len(values)))


def probe_features(train_feats: np.ndarray, train_labels: np.ndarray,
                   test_feats: np.ndarray, test_labels: np.ndarray,
                   groups: Optional[np.ndarray] = None) -> Dict[str, float]:
    """Both probes and the collapse statistics of one feature set.

    Args:
        train_feats (ndarray): ``(N_train, D)``.
        train_labels (ndarray): ``(N_train,)``.
        test_feats (ndarray): ``(N_test, D)``.
        test_labels (ndarray): ``(N_test,)``.
        groups (ndarray, optional): ``(N_train,)`` group of each training
            sample: adds :func:`group_transfer_probe` of the training
            split.

    Returns:
        dict: ``{'linear': %, 'nn1': %, 'dim', 'std_mean', 'std_min',
        'effective_rank'}`` (statistics of the training features), plus
        the group-transfer keys with ``groups``.
    """
    out = dict(
        dim=int(train_feats.shape[1]),
        linear=logistic_probe_accuracy(train_feats, train_labels, test_feats,
                                       test_labels),
        nn1=nearest_neighbour_accuracy(train_feats, train_labels, test_feats,
                                       test_labels))
    out.update(feature_statistics(train_feats))
    if groups is not None:
        out.update(group_transfer_probe(train_feats, train_labels, groups))
    return out


def mean_and_std(runs: List[dict]) -> dict:
    """Mean of each :func:`probe_features` result over ``runs`` (e.g.
    random initialisations of several seeds), with ``linear_std`` /
    ``nn1_std`` (population std), the per-run values ``linear_per_seed`` /
    ``nn1_per_seed`` and ``seeds`` (the number of runs) added.

    Raises:
        ValueError: If ``runs`` is empty.
    """
    if not runs:
        raise ValueError('mean_and_std needs at least one run')
    out = {k: float(np.mean([r[k] for r in runs])) for k in runs[0]}
    out['dim'] = runs[0]['dim']
    for k in ('linear', 'nn1'):
        out[f'{k}_std'] = float(np.std([r[k] for r in runs]))
        out[f'{k}_per_seed'] = [float(r[k]) for r in runs]
    out['seeds'] = len(runs)
    return out
