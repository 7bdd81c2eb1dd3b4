"""Evaluation functions that are not registered metrics."""
from .frozen_probes import (extract_features, feature_statistics,
                            fit_logistic_probe, group_transfer_probe,
                            logistic_probe_accuracy,
                            nearest_neighbour_accuracy, probe_features,
                            raw_features, recompute_bn_statistics)
from .latent_codes import target_code_statistics

__all__ = [
    'extract_features', 'feature_statistics', 'fit_logistic_probe',
    'group_transfer_probe',
    'logistic_probe_accuracy',
    'nearest_neighbour_accuracy', 'probe_features', 'raw_features',
    'recompute_bn_statistics',
    'target_code_statistics'
]
