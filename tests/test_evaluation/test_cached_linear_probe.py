import numpy as np
import pytest

from skelbench.evaluation.functional.cached_linear_probe import (
    cached_linear_probe, holdout_split)


def blobs(n_per_class=40, classes=4, dim=8, noise=1.0, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(classes, dim)) * 3
    y = np.repeat(np.arange(classes), n_per_class)
    return centres[y] + noise * rng.normal(size=(len(y), dim)), y


def test_learns_separable_features_and_selects_on_validation():
    x, y = blobs(seed=0)
    xt, yt = blobs(seed=0, n_per_class=20)
    out = cached_linear_probe(x, y, xt, yt, epochs=20, batch_size=32,
                              val_fraction=0.2, seed=0)
    assert out['last'] > 90
    assert 1 <= out['best_val_epoch'] <= 20
    assert 'best_on_test' not in out
    assert out['test_at_best_val'] > 90
    again = cached_linear_probe(x, y, xt, yt, epochs=20, batch_size=32,
                                val_fraction=0.2, seed=0)
    assert again == out  # seeded


def test_passes_and_step_schedule():
    x, y = blobs(seed=1)
    passes = np.stack([x, x + 0.1, x - 0.1])
    out = cached_linear_probe(passes, y, x, y, epochs=6, lr=1.0,
                              milestones=[3, 5], batch_size=16,
                              report_best_on_test=True)
    assert out['passes'] == 3 and out['best_on_test'] >= out['last'] > 80


def test_random_labels_stay_at_chance():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 16))
    y = rng.integers(0, 4, 200)
    xt = rng.normal(size=(200, 16))
    yt = rng.integers(0, 4, 200)
    out = cached_linear_probe(x, y, xt, yt, epochs=10, batch_size=32)
    assert out['last'] < 40


def test_holdout_is_class_balanced_and_disjoint():
    y = np.repeat(np.arange(5), [10, 20, 30, 40, 50])
    train, val = holdout_split(y, 0.1, seed=3)
    assert not set(train) & set(val)
    assert len(train) + len(val) == len(y)
    assert np.bincount(y[val]).tolist() == [1, 2, 3, 4, 5]
    assert np.array_equal(val, holdout_split(y, 0.1, seed=3)[1])


def test_errors():
    x, y = blobs()
    with pytest.raises(ValueError, match='NaN'):
        cached_linear_probe(np.full_like(x, np.nan), y, x, y)
    with pytest.raises(ValueError, match='labels must be in'):
        cached_linear_probe(x, y, x, y, num_classes=2)
    with pytest.raises(ValueError, match=r'\(N, D\) or \(P, N, D\)'):
        cached_linear_probe(x[0], y, x, y)
    with pytest.raises(ValueError, match='val_fraction'):
        cached_linear_probe(x, y, x, y, val_fraction=1.5)
