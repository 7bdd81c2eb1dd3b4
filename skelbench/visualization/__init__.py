"""Visualisation (registries ``VISUALIZERS``, ``VISBACKENDS``).

skelbench uses mmengine's ``Visualizer`` and ``LocalVisBackend``;
:mod:`.tsne` draws feature embeddings; skeleton drawing tools live in
``tools/visualization/``.
"""
from .tsne import plot_embedding, tsne_embedding

__all__ = ['plot_embedding', 'tsne_embedding']
