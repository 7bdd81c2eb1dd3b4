"""Evaluation functions that are not registered metrics."""
from .cached_linear_probe import cached_linear_probe, holdout_split
from .collapse_statistics import feature_statistics
from .feature_extraction import (extract_features, raw_features,
                                 recompute_bn_statistics)
from .frozen_encoder import build_probe_model
from .frozen_probes import (fit_logistic_probe, group_transfer_probe,
                            logistic_probe_accuracy, mean_and_std,
                            nearest_neighbour_accuracy, probe_features)
from .latent_codes import target_code_statistics
from .probe_datasets import (build_probe_datasets, dataset_groups,
                             default_bank_dataloader_cfg,
                             train_split_dataset_cfg)

__all__ = [
    'cached_linear_probe', 'holdout_split',
    'extract_features', 'feature_statistics', 'fit_logistic_probe',
    'group_transfer_probe', 'logistic_probe_accuracy', 'mean_and_std',
    'nearest_neighbour_accuracy', 'probe_features', 'raw_features',
    'recompute_bn_statistics', 'target_code_statistics',
    'build_probe_model', 'build_probe_datasets', 'dataset_groups',
    'default_bank_dataloader_cfg', 'train_split_dataset_cfg'
]
