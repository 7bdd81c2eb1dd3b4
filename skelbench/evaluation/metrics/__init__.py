"""Metrics (registry ``METRICS``)."""
from .acc_metric import AccMetric, mean_class_accuracy, top_k_accuracy
from .dump_predictions import DumpPredictions
from .knn_metric import KNNMetric, knn_predict

__all__ = [
    'AccMetric', 'DumpPredictions', 'top_k_accuracy', 'mean_class_accuracy',
    'KNNMetric', 'knn_predict'
]
