"""Downstream protocols (linear, kNN, fine-tune, semi-supervised, transfer,
distillation) of a pretrained encoder and the harness that runs them
(``tools/benchmark.py``); docs/protocols.md."""
from .benchmark_configs import (JointLayoutError, NoFittingConfigError,
                                data_suffix, encoder_mismatches,
                                find_benchmark_config)
from .cached_probes import (cache_features, cached_knn, cached_linear,
                            probe_settings, total_batch_size)
from .downstream_config import (BEST_METRIC, distill_from_finetune,
                                teacher_model, with_holdout,
                                with_label_fraction, with_pretrained,
                                with_run_settings, with_teacher,
                                without_validation)
from .harness import BenchmarkSettings, extract_encoder, run_benchmark
from .launch import Launcher, last_and_best_checkpoints, read_test_metrics
from .results import (format_mean_std, load_results, merge_rows,
                      merge_tables,
                      results_table, summarize_runs, write_results)
from .specs import Protocol, parse_protocols

__all__ = [
    'JointLayoutError', 'NoFittingConfigError', 'data_suffix',
    'encoder_mismatches', 'find_benchmark_config', 'cache_features', 'cached_knn',
    'cached_linear', 'probe_settings', 'total_batch_size', 'BEST_METRIC',
    'with_holdout', 'with_label_fraction', 'with_pretrained',
    'with_run_settings', 'without_validation', 'teacher_model',
    'with_teacher', 'distill_from_finetune', 'BenchmarkSettings',
    'extract_encoder', 'run_benchmark', 'Launcher',
    'last_and_best_checkpoints', 'read_test_metrics', 'format_mean_std',
    'load_results', 'merge_rows', 'merge_tables', 'results_table',
    'summarize_runs', 'write_results', 'Protocol', 'parse_protocols'
]
