"""Visualisation (registries ``VISUALIZERS``, ``VISBACKENDS``).

skelbench uses mmengine's ``Visualizer`` and ``LocalVisBackend``. Plots of
results: :mod:`.tsne` (feature embeddings), :mod:`.confusion` (confusion
matrix, per-class accuracy), :mod:`.curves` (training curves from a work
dir). Skeleton drawing tools live in ``tools/visualization/``.
"""
from .confusion import (confusion_matrix, per_class_accuracy,
                        plot_confusion_matrix)
from .curves import find_scalar_logs, plot_curves, read_scalars
from .tsne import plot_embedding, tsne_embedding

__all__ = ['plot_embedding', 'tsne_embedding', 'confusion_matrix',
           'per_class_accuracy', 'plot_confusion_matrix', 'find_scalar_logs',
           'read_scalars', 'plot_curves']
