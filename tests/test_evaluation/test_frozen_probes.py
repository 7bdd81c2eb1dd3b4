"""Frozen-feature probes: logistic regression, cosine 1-NN, collapse
statistics, feature extraction."""
import numpy as np
import pytest
import torch
from mmengine.dataset import pseudo_collate

from skelbench.evaluation.functional import (extract_features,
                                             feature_statistics,
                                             group_transfer_probe,
                                             logistic_probe_accuracy,
                                             nearest_neighbour_accuracy,
                                             probe_features,
                                             recompute_bn_statistics)
from skelbench.structures import SkeletonDataSample


def blobs(n_per_class, num_classes, dim, spread, seed):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(num_classes, dim)) * 5
    y = np.repeat(np.arange(num_classes), n_per_class)
    x = centres[y] + rng.normal(size=(len(y), dim)) * spread
    return x.astype(np.float32), y


def test_logistic_probe_separable_and_chance():
    x_tr, y_tr = blobs(30, 4, 8, 0.5, 0)
    x_te, y_te = blobs(10, 4, 8, 0.5, 0)
    assert logistic_probe_accuracy(x_tr, y_tr, x_te, y_te) == 100.0
    rng = np.random.default_rng(1)
    noise_tr = rng.normal(size=(400, 8)).astype(np.float32)
    noise_te = rng.normal(size=(400, 8)).astype(np.float32)
    acc = logistic_probe_accuracy(noise_tr, rng.integers(0, 4, 400),
                                  noise_te, rng.integers(0, 4, 400))
    assert 10 < acc < 40  # chance = 25%


def test_logistic_probe_uses_training_standardisation():
    # feature 1 carries the label at a tiny scale, feature 0 is large
    # noise: standardisation with the *training* statistics makes it
    # usable; the test split has a different offset on feature 0
    rng = np.random.default_rng(0)
    y_tr = rng.integers(0, 2, 200)
    y_te = rng.integers(0, 2, 100)
    x_tr = np.stack([rng.normal(size=200) * 1e3, y_tr * 1e-3], 1)
    x_te = np.stack([rng.normal(size=100) * 1e3 + 50, y_te * 1e-3], 1)
    assert logistic_probe_accuracy(x_tr, y_tr, x_te, y_te) == 100.0


def test_nearest_neighbour_ignores_norms():
    train = np.array([[1., 0.], [0., 1.]], dtype=np.float32)
    labels = np.array([0, 1])
    query = np.array([[9., 10.], [3., 0.5]], dtype=np.float32)
    expected = np.array([1, 0])  # by angle
    assert nearest_neighbour_accuracy(train, labels, query, expected) == 100
    assert nearest_neighbour_accuracy(train * 7, labels, query * 0.01,
                                      expected) == 100
    assert nearest_neighbour_accuracy(train, labels, query,
                                      1 - expected) == 0


def test_nearest_neighbour_scale_vs_euclid():
    # (10, 1) and (1, 0.2): Euclid neighbour of (1.1, 0.2) is (1, 0.2)
    # [class 1], cosine neighbour is (10, 1) [angle 5.7 vs 11.3 -> 10.3]
    train = np.array([[10., 1.], [1., 0.2]], dtype=np.float32)
    labels = np.array([0, 1])
    query = np.array([[1.1, 0.12]], dtype=np.float32)
    cos = (query @ train.T) / np.linalg.norm(train, axis=1) \
        / np.linalg.norm(query)
    assert cos[0, 0] > cos[0, 1]
    assert nearest_neighbour_accuracy(train, labels, query,
                                      np.array([0])) == 100.0


def test_feature_statistics_detect_collapse():
    rng = np.random.default_rng(0)
    spread = feature_statistics(rng.normal(size=(500, 16)))
    assert spread['std_mean'] == pytest.approx(1 / 4, rel=0.1)
    assert spread['effective_rank'] > 14
    collapsed = np.ones((500, 16)) + rng.normal(size=(500, 16)) * 1e-6
    stats = feature_statistics(collapsed)
    assert stats['std_mean'] < 1e-5
    line = np.outer(rng.normal(size=500), rng.normal(size=16))
    assert feature_statistics(line)['effective_rank'] < 1.01


def test_probes_reject_bad_features():
    x, y = blobs(5, 2, 4, 0.1, 0)
    bad = x.copy()
    bad[3, 1] = np.nan
    with pytest.raises(ValueError, match='train features contain NaN'):
        logistic_probe_accuracy(bad, y, x, y)
    with pytest.raises(ValueError, match='test features contain NaN'):
        nearest_neighbour_accuracy(x, y, bad, y)
    with pytest.raises(ValueError, match=r'labels must be \(10,\)'):
        nearest_neighbour_accuracy(x, y[:5], x, y)
    with pytest.raises(ValueError, match='single class'):
        logistic_probe_accuracy(x, np.zeros_like(y), x, y)
    with pytest.raises(ValueError, match=r'must be \(N, D\)'):
        probe_features(x[:, :, None], y, x, y)


def test_probe_features_keys():
    x_tr, y_tr = blobs(20, 3, 6, 0.5, 0)
    x_te, y_te = blobs(5, 3, 6, 0.5, 0)
    out = probe_features(x_tr, y_tr, x_te, y_te)
    assert out['linear'] == 100.0 and out['nn1'] == 100.0
    assert out['dim'] == 6
    assert {'std_mean', 'std_min', 'effective_rank'} <= set(out)


class _ToyEncoder(torch.nn.Module):
    """extract_feat = mean over everything but the batch and channel."""

    def __init__(self):
        super().__init__()
        from mmengine.model import BaseDataPreprocessor
        self.data_preprocessor = BaseDataPreprocessor()
        self.calls_in_train_mode = 0

    def extract_feat(self, inputs):
        if isinstance(inputs, (list, tuple)):
            inputs = torch.stack(inputs)
        self.calls_in_train_mode += int(self.training)
        return inputs.mean(dim=(1, 2, 3))  # (N, C)


def test_extract_features_eval_mode_and_order():
    samples = []
    for i in range(7):
        ds = SkeletonDataSample()
        ds.set_gt_label(i % 3)
        samples.append(dict(inputs=torch.full((1, 4, 5, 3), float(i)),
                            data_samples=ds))
    loader = torch.utils.data.DataLoader(samples, batch_size=3,
                                         collate_fn=pseudo_collate)
    model = _ToyEncoder().train()
    feats, labels = extract_features(model, loader)
    assert feats.shape == (7, 3) and feats.dtype == np.float32
    np.testing.assert_allclose(feats[:, 0], np.arange(7))
    assert labels.tolist() == [i % 3 for i in range(7)]
    assert model.calls_in_train_mode == 0
    assert model.training  # restored


def test_group_transfer_separates_group_specific_features():
    """Class codes in group-specific dimensions: each group alone is
    separable (mixed split near 100%) but a probe trained on one group
    cannot read the other (cross-group near chance); group-invariant
    codes transfer."""
    rng = np.random.default_rng(0)
    n, k = 120, 4
    y = np.tile(np.arange(k), n // k)
    g = np.repeat([1, 2], n // 2)
    codes = rng.normal(size=(k, 4)) * 4
    specific = rng.normal(size=(n, 8)) * 0.3
    specific[g == 1, :4] += codes[y[g == 1]]
    specific[g == 2, 4:] += codes[y[g == 2]]
    res = group_transfer_probe(specific, y, g)
    assert res['groups'] == 2
    assert res['mixed_linear'] > 90 and res['mixed_nn1'] > 90
    assert res['cross_linear'] < 50 and res['cross_nn1'] < 50
    shared = rng.normal(size=(n, 8)) * 0.3
    shared[:, :4] += codes[y]
    res = group_transfer_probe(shared, y, g)
    assert res['cross_linear'] > 90 and res['cross_nn1'] > 90


def test_group_transfer_checks_its_input():
    x, y = blobs(10, 2, 4, 0.5, 0)
    with pytest.raises(ValueError, match='>= 2 groups'):
        group_transfer_probe(x, y, np.ones(len(y)))
    with pytest.raises(ValueError, match='groups must be'):
        group_transfer_probe(x, y, np.ones(3))
    x[0, 0] = np.nan
    with pytest.raises(ValueError, match='NaN'):
        group_transfer_probe(x, y, np.arange(len(y)) % 2)


class _BNEncoder(torch.nn.Module):
    """extract_feat = BN over the channel axis of ``(N, C)`` inputs."""

    def __init__(self, channels=3):
        super().__init__()
        from mmengine.model import BaseDataPreprocessor
        self.data_preprocessor = BaseDataPreprocessor()
        self.bn = torch.nn.BatchNorm1d(channels, momentum=0.3)
        self.scale = torch.nn.Parameter(torch.ones(channels))

    def extract_feat(self, inputs):
        return self.bn(torch.stack(inputs) * self.scale)


def test_recompute_bn_statistics_averages_the_batches():
    rng = np.random.default_rng(0)
    data = (rng.normal(size=(40, 3)) * [1., 5., .1] + [3., -2., 0.]
            ).astype(np.float32)
    samples = [dict(inputs=torch.from_numpy(row)) for row in data]
    loader = torch.utils.data.DataLoader(samples, batch_size=10,
                                         collate_fn=pseudo_collate)
    model = _BNEncoder().eval()
    weights = {k: v.clone() for k, v in model.state_dict().items()
               if 'running' not in k and 'num_batches' not in k}
    assert recompute_bn_statistics(model, loader) == 1
    batches = data.reshape(4, 10, 3)
    np.testing.assert_allclose(model.bn.running_mean.numpy(),
                               batches.mean(1).mean(0), rtol=1e-5)
    np.testing.assert_allclose(model.bn.running_var.numpy(),
                               batches.var(1, ddof=1).mean(0), rtol=1e-5)
    assert model.bn.momentum == 0.3 and not model.training
    for k, v in weights.items():
        assert torch.equal(model.state_dict()[k], v), k
    # the eval-mode features are now standardised with the data's stats
    feats = model.extract_feat([s['inputs'] for s in samples]).detach()
    assert feats.mean(0).abs().max() < 1e-4
    # no BN layer: nothing to do; no batch: an error
    assert recompute_bn_statistics(_ToyEncoder(), loader) == 0
    with pytest.raises(ValueError, match='no batches'):
        recompute_bn_statistics(model, [])
