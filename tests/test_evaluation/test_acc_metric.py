import numpy as np
import torch

from skelbench.evaluation import AccMetric
from skelbench.structures import SkeletonDataSample


def test_acc_metric_against_manual_counts():
    rng = np.random.default_rng(0)
    scores = rng.random((40, 6)).astype(np.float32)
    labels = rng.integers(0, 6, 40)
    metric = AccMetric(topk=(1, 3))
    samples = []
    for s, y in zip(scores, labels):
        ds = SkeletonDataSample().set_gt_label(int(y))
        ds.set_pred_score(torch.from_numpy(s))
        samples.append(ds.to_dict())
    metric.process(None, samples)
    out = metric.evaluate(40)
    top1 = np.mean(scores.argmax(1) == labels) * 100
    top3 = np.mean([y in np.argsort(-s)[:3] for s, y in
                    zip(scores, labels)]) * 100
    per_class = [np.mean(scores[labels == c].argmax(1) == c)
                 for c in np.unique(labels)]
    assert np.isclose(out['acc/top1'], top1)
    assert np.isclose(out['acc/top3'], top3)
    assert np.isclose(out['acc/mean1'], np.mean(per_class) * 100)
