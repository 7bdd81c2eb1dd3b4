"""Building blocks shared by the graph-convolution backbones (ST-GCN,
2s-AGCN): the input BatchNorm, the temporal convolution, the unit
residual and the unit ``ReLU(tcn(gcn(x, A)) + res(x))``.

The layers keep the attribute names of the original implementations
(``data_bn.bn``, ``gcn``, ``tcn``, ``residual``), which are the keys of
their checkpoints.
"""
from typing import Optional

import torch
import torch.nn.functional as F
from torch import nn

from .sync_batchnorm import batch_norm_channels


class InputBatchNorm(nn.Module):
    """ST-GCN / 2s-AGCN ``data_bn``: BatchNorm1d over the joint channels.

    ``mode='MVC'`` (2s-AGCN; skelbench's ST-GCN default) normalises each
    of the ``num_persons * V * C`` (actor, joint, coordinate) channels
    separately; ``mode='VC'`` (the original ST-GCN code) shares the
    ``V * C`` statistics over actors. With fewer actors than
    ``num_persons`` (``'MVC'``) the first ``M V C`` channels are used.

    Shapes: ``(N, M, T, V, C) -> (N*M, C, T, V)``.

    Args:
        num_features (int): ``num_persons V C`` (``'MVC'``) or ``V C``
            (``'VC'``).
        mode (str): ``'MVC'`` or ``'VC'``.
    """

    def __init__(self, num_features: int, mode: str = 'MVC'):
        super().__init__()
        if mode not in ('MVC', 'VC'):
            raise ValueError(f"data_bn mode must be 'MVC' or 'VC', got "
                             f'{mode!r}')
        self.mode = mode
        self.bn = nn.BatchNorm1d(num_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        N, M, T, V, C = x.shape
        if self.mode == 'VC':
            y = x.permute(0, 1, 3, 4, 2).reshape(N * M, V * C, T)
            y = self.bn(y)
        else:
            y = x.permute(0, 1, 3, 4, 2).reshape(N, M * V * C, T)
            k = M * V * C
            bn = self.bn
            if k > bn.num_features:
                raise ValueError(f'input has {M} actors x {V} joints x {C} '
                                 f'channels = {k} > data_bn size '
                                 f'{bn.num_features}')
            y = batch_norm_channels(bn, y, k)
        return y.reshape(N * M, V, C, T).permute(0, 2, 3, 1).contiguous()


def temporal_conv(channels: int, kernel_size: int = 9,
                  stride: int = 1) -> nn.Conv2d:
    """``Conv2d(channels, channels, (k, 1), stride=(s, 1))`` with
    ``(k - 1) / 2`` frames of zero padding: ``(B, C, T, V) -> (B, C,
    ceil(T / s), V)`` for odd ``k``."""
    pad = (kernel_size - 1) // 2
    return nn.Conv2d(channels, channels, (kernel_size, 1), (stride, 1),
                     (pad, 0))


def unit_residual(in_channels: int, out_channels: int, stride: int = 1,
                  residual: bool = True) -> Optional[nn.Module]:
    """Residual branch of a graph unit: none (``residual=False``), the
    identity (same channels, stride 1) or ``BN(Conv1x1(stride))``."""
    if not residual:
        return None
    if in_channels == out_channels and stride == 1:
        return nn.Identity()
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, 1, (stride, 1)),
        nn.BatchNorm2d(out_channels))


class GraphConvUnit(nn.Module):
    """A spatial graph convolution followed by a temporal one, with a
    residual: ``y = ReLU(tcn(graph_conv(x, A)) + res(x))``.

    Subclasses build ``self.tcn`` and ``self.residual`` (see
    :func:`unit_residual`; ``None``: no residual) and implement
    :meth:`graph_conv`.

    Shapes: ``x (B, C_in, T, V)``, ``A (K, V, V)`` -> ``(B, C_out,
    T / stride, V)``.
    """

    residual: Optional[nn.Module]

    def graph_conv(self, x: torch.Tensor, A: torch.Tensor) -> torch.Tensor:
        """``(B, C_in, T, V)`` -> ``(B, C_out, T, V)`` over the graph
        ``A (K, V, V)``."""
        raise NotImplementedError(
            f'{type(self).__name__} must implement graph_conv(x, A)')

    def forward(self, x: torch.Tensor, A: torch.Tensor) -> torch.Tensor:
        y = self.graph_conv(x, A)
        y = self.tcn(y)
        if self.residual is not None:
            y = y + self.residual(x)
        return F.relu(y)
