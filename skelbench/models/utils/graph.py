"""Adjacency tensors of the graph backbones (ST-GCN, 2s-AGCN).

Everything that depends only on the skeleton layout is computed once, in
numpy, and registered by the backbones as (non-persistent) buffers, so no
graph normalisation happens in the forward pass.
"""
import numpy as np
import torch

from skelbench.layouts import get_layout


def _column_normalize(A: np.ndarray) -> np.ndarray:
    """``A D^-1`` with ``D`` the column sums (2s-AGCN ``normalize_digraph``;
    zero columns stay zero)."""
    deg = A.sum(0)
    inv = np.where(deg > 0, 1.0 / np.maximum(deg, 1e-12), 0.)
    return (A * inv[None, :]).astype(np.float32)


def stgcn_spatial_graph(layout) -> torch.Tensor:
    """``(3, V, V)`` ST-GCN spatial partition (root, centripetal,
    centrifugal; Yan et al., AAAI'18) of ``layout`` (a name, config dict
    or :class:`SkeletonLayout`)."""
    return torch.from_numpy(
        np.ascontiguousarray(get_layout(layout).spatial_partition()))


def agcn_spatial_graph(layout) -> torch.Tensor:
    """``(3, V, V)`` 2s-AGCN graph ``[I, norm(A_in), norm(A_out)]``.

    2s-AGCN (Shi et al., CVPR'19, ``graph/tools.get_spatial_graph``):
    ``A_in[parent, child] = 1`` for every bone (inward = towards the
    centre joint) and ``A_out`` its transpose, each column-normalised.
    """
    lay = get_layout(layout)
    V = lay.num_joints
    inward = np.zeros((V, V), dtype=np.float32)
    for child, parent in lay.edges:
        inward[parent, child] = 1
    eye = np.eye(V, dtype=np.float32)
    A = np.stack([eye, _column_normalize(inward),
                  _column_normalize(inward.T.copy())])
    return torch.from_numpy(A)
