"""Visualisation (registries ``VISUALIZERS``, ``VISBACKENDS``).

skelbench uses mmengine's ``Visualizer`` and ``LocalVisBackend``;
skeleton drawing tools live in ``tools/visualization/``.
"""
