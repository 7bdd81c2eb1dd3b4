"""Tests of KNNMetric against independent reference computations."""
import numpy as np
import pytest
import torch
from sklearn.neighbors import KNeighborsClassifier

from skelbench.evaluation import KNNMetric, knn_predict
from skelbench.registry import METRICS
from skelbench.structures import SkeletonDataSample
from skelbench.utils import register_all_modules

register_all_modules()


def _clustered(num, dim, num_classes, seed, noise=1.5):
    """Features around one random centre per class, ``(num, dim)``."""
    rng = np.random.default_rng(seed)
    centres = np.random.default_rng(123).normal(size=(num_classes, dim))
    labels = rng.integers(0, num_classes, size=num)
    feats = centres[labels] + noise * rng.normal(size=(num, dim))
    # Random positive scales: the metric must be scale invariant (cosine).
    feats *= rng.uniform(0.1, 10, size=(num, 1))
    return feats.astype(np.float32), labels


def _numpy_weighted_vote(query, bank, bank_labels, k, num_classes, t):
    """Hand-written DINO / InstDisc weighted kNN vote."""
    q = query / np.linalg.norm(query, axis=1, keepdims=True)
    b = bank / np.linalg.norm(bank, axis=1, keepdims=True)
    sim = q.astype(np.float64) @ b.astype(np.float64).T
    preds = []
    for row in sim:
        nn = np.argsort(-row, kind='stable')[:k]
        votes = np.zeros(num_classes)
        for j in nn:
            votes[bank_labels[j]] += np.exp(row[j] / t)
        preds.append(int(np.argmax(votes)))
    return np.array(preds)


def _samples(feats, labels):
    return [SkeletonDataSample().set_gt_label(int(y)).set_feat(
        torch.from_numpy(f)) for f, y in zip(feats, labels)]


def _evaluate(metric, feats, labels, batch=16):
    samples = _samples(feats, labels)
    for start in range(0, len(samples), batch):
        metric.process(None, samples[start:start + batch])
    return metric.evaluate(len(samples))


@pytest.fixture(scope='module')
def data():
    bank, bank_labels = _clustered(300, 24, 6, seed=0)
    query, query_labels = _clustered(97, 24, 6, seed=1)
    return bank, bank_labels, query, query_labels


def test_registered():
    metric = METRICS.build(dict(type='KNNMetric', topk=(1, 20)))
    assert isinstance(metric, KNNMetric)
    assert metric.topk == (1, 20)


def test_k1_matches_sklearn_cosine_1nn(data):
    bank, bank_labels, query, query_labels = data
    metric = KNNMetric(topk=(1, ))
    metric.set_bank(torch.from_numpy(bank), torch.from_numpy(bank_labels))
    out = _evaluate(metric, query, query_labels)
    clf = KNeighborsClassifier(n_neighbors=1, metric='cosine')
    clf.fit(bank, bank_labels)
    ref = (clf.predict(query) == query_labels).mean() * 100
    assert set(out) == {'knn/k1_acc'}
    assert out['knn/k1_acc'] == pytest.approx(ref, abs=1e-9)
    # Not a trivial 0 % or 100 %.
    assert 20 < out['knn/k1_acc'] < 100


@pytest.mark.parametrize('temperature', [0.07, 0.5])
def test_weighted_vote_matches_numpy(data, temperature):
    bank, bank_labels, query, query_labels = data
    topk = (1, 5, 20)
    metric = KNNMetric(topk=topk, temperature=temperature)
    metric.set_bank(torch.from_numpy(bank), torch.from_numpy(bank_labels))
    out = _evaluate(metric, query, query_labels)
    assert set(out) == {f'knn/k{k}_acc' for k in topk}
    for k in topk:
        pred = _numpy_weighted_vote(query, bank, bank_labels, k, 6,
                                    temperature)
        ref = (pred == query_labels).mean() * 100
        assert out[f'knn/k{k}_acc'] == pytest.approx(ref, abs=1e-9), k


def test_knn_predict_predictions_match_numpy(data):
    bank, bank_labels, query, _ = data
    preds = knn_predict(torch.from_numpy(query), torch.from_numpy(bank),
                        torch.from_numpy(bank_labels), (1, 20), 6)
    clf = KNeighborsClassifier(n_neighbors=1, metric='cosine')
    clf.fit(bank, bank_labels)
    np.testing.assert_array_equal(preds[0].numpy(), clf.predict(query))
    np.testing.assert_array_equal(
        preds[1].numpy(),
        _numpy_weighted_vote(query, bank, bank_labels, 20, 6, 0.07))


@pytest.mark.parametrize('chunk_size', [1, 7, 96, 97, 10000])
def test_chunking_equivalence(data, chunk_size):
    bank, bank_labels, query, _ = data
    args = (torch.from_numpy(query), torch.from_numpy(bank),
            torch.from_numpy(bank_labels), (1, 3, 20), 6)
    ref = knn_predict(*args, chunk_size=100000)
    got = knn_predict(*args, chunk_size=chunk_size)
    for r, g in zip(ref, got):
        assert torch.equal(r, g)


def test_no_bank_raises():
    metric = KNNMetric(topk=(1, 20))
    metric.process(None, _samples(np.ones((2, 4), np.float32), [0, 1]))
    with pytest.raises(RuntimeError, match='KNNBankHook'):
        metric.evaluate(2)


def test_missing_feat_raises():
    metric = KNNMetric()
    with pytest.raises(KeyError, match='output_feat'):
        metric.process(None, [SkeletonDataSample().set_gt_label(0)])


def test_dict_samples_and_k_larger_than_bank():
    bank = torch.tensor([[1., 0.], [0., 1.], [1., .1]])
    bank_labels = torch.tensor([0, 1, 1])
    metric = KNNMetric(topk=(1, 50), num_classes=2, temperature=1.)
    metric.set_bank(bank, bank_labels)
    metric.process(None, [
        dict(feat=torch.tensor([2., 0.]), gt_label=torch.tensor([0])),
        dict(feat=torch.tensor([0., 3.]), gt_label=torch.tensor([1]))])
    out = metric.evaluate(2)
    assert out['knn/k1_acc'] == 100.
    # k capped at the bank size: for the first query the vote over all
    # three samples favours class 1 (two samples, one close).
    w = np.exp(np.array([1., 0., 1. / np.sqrt(1.01)]))
    assert w[1] + w[2] > w[0]
    assert out['knn/k50_acc'] == 50.


def test_num_classes_inferred_and_checked():
    metric = KNNMetric(topk=(5, ), num_classes=2)
    metric.set_bank(torch.randn(10, 4), torch.arange(10) % 3)
    metric.process(None, _samples(np.ones((1, 4), np.float32), [0]))
    with pytest.raises(ValueError, match='num_classes'):
        metric.evaluate(1)


def test_bad_args():
    with pytest.raises(ValueError):
        KNNMetric(topk=(0, ))
    with pytest.raises(ValueError):
        KNNMetric(temperature=0)
    with pytest.raises(ValueError):
        KNNMetric(chunk_size=0)
    with pytest.raises(ValueError):
        KNNMetric().set_bank(torch.randn(4, 3), torch.zeros(5))
    metric = KNNMetric()
    metric.set_bank(torch.randn(4, 3), torch.zeros(4))
    metric.process(None, _samples(np.ones((1, 5), np.float32), [0]))
    with pytest.raises(ValueError, match='D=5'):
        metric.evaluate(1)
