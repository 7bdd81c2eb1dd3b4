"""Classification accuracy metric."""
from typing import Optional, Sequence, Tuple

import numpy as np
import torch
from mmengine.evaluator import BaseMetric

from skelbench.registry import METRICS


def top_k_accuracy(scores: np.ndarray, labels: np.ndarray,
                   topk: Sequence[int]) -> list:
    """Fraction of samples whose label is among the ``k`` best scores.

    Args:
        scores (np.ndarray): ``(N, C)``.
        labels (np.ndarray): ``(N,)``.
    """
    order = np.argsort(-scores, axis=1, kind='stable')
    hits = order == labels[:, None]
    return [float(hits[:, :k].any(axis=1).mean()) for k in topk]


def mean_class_accuracy(scores: np.ndarray, labels: np.ndarray) -> float:
    """Mean over the classes present in ``labels`` of their top-1 recall."""
    pred = scores.argmax(axis=1)
    classes = np.unique(labels)
    return float(np.mean([(pred[labels == c] == c).mean() for c in classes]))


@METRICS.register_module()
class AccMetric(BaseMetric):
    """Top-k and mean-class accuracy (in %) of ``pred_score``.

    Correct under multi-process evaluation: per-rank results are gathered
    by :class:`mmengine.evaluator.BaseMetric` (padding duplicates of the
    distributed sampler removed) before :meth:`compute_metrics`.

    Keys: ``acc/top1``, ``acc/top{k}`` and ``acc/mean1``.

    Args:
        topk (tuple[int]): The ``k`` of the top-k accuracies.
    """

    default_prefix = 'acc'

    def __init__(self, topk: Tuple[int, ...] = (1, 5),
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        if not topk or any(int(k) < 1 for k in topk):
            raise ValueError(f'topk must be positive integers, got {topk}')
        self.topk = tuple(int(k) for k in topk)

    def process(self, data_batch, data_samples: Sequence) -> None:
        for ds in data_samples:
            score = ds['pred_score'] if isinstance(ds, dict) \
                else ds.pred_score
            label = ds['gt_label'] if isinstance(ds, dict) else ds.gt_label
            self.results.append(dict(
                score=score.detach().float().cpu().numpy(),
                label=int(torch.as_tensor(label).reshape(-1)[0])))

    def compute_metrics(self, results: list) -> dict:
        scores = np.stack([r['score'] for r in results])
        labels = np.array([r['label'] for r in results])
        num_classes = scores.shape[1]
        metrics = {}
        for k, acc in zip(self.topk, top_k_accuracy(
                scores, labels, [min(k, num_classes) for k in self.topk])):
            metrics[f'top{k}'] = acc * 100
        metrics['mean1'] = mean_class_accuracy(scores, labels) * 100
        return metrics
