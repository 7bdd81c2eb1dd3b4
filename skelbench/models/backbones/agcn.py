"""2s-AGCN (Shi et al., CVPR'19), the graph encoder of Skeleton-Contrast
(ISC; Thoker et al., ACM MM'21)."""
import math
from typing import Optional

import torch
import torch.nn.functional as F
from torch import nn

from skelbench.models.utils.graph import agcn_spatial_graph
from skelbench.models.utils.graph_layers import (GraphConvUnit,
                                                 temporal_conv, unit_residual)
from skelbench.registry import MODELS

from .base_graph_backbone import BaseGraphBackbone


class AdaptiveGraphConv(nn.Module):
    """2s-AGCN ``unit_gcn``: ``y = sum_k W_k X (A_k + B_k + C_k)``.

    ``A_k``: fixed normalised graph (buffer of the parent); ``B_k``:
    learned ``(K, V, V)`` (``PA``, init 1e-6); ``C_k = softmax_col(
    theta_k(X)^T phi_k(X) / (C_e T))``, the data-dependent graph with
    ``C_e = C_out / coff_embedding`` embedding channels. Then BN (init
    weight 1e-6), residual (``Conv1x1 + BN`` when the channels change)
    and ReLU.

    The ``K`` subsets are computed in one batched call: ``conv_a`` /
    ``conv_b`` / ``conv_d`` hold the ``K`` per-subset 1x1 convs stacked on
    the output channels (same parameters as the original's ``K`` convs),
    and ``W_k (X G) = (W_k X) G`` lets the channel map run first.

    Shapes: ``x (B, C_in, T, V)``, ``A (K, V, V)`` -> ``(B, C_out, T, V)``.
    """

    def __init__(self, in_channels: int, out_channels: int, num_joints: int,
                 num_subsets: int = 3, coff_embedding: int = 4):
        super().__init__()
        K = num_subsets
        self.num_subsets = K
        self.out_channels = out_channels
        self.inter_channels = out_channels // coff_embedding
        self.PA = nn.Parameter(torch.full((K, num_joints, num_joints),
                                          1e-6))
        self.conv_a = nn.Conv2d(in_channels, K * self.inter_channels, 1)
        self.conv_b = nn.Conv2d(in_channels, K * self.inter_channels, 1)
        self.conv_d = nn.Conv2d(in_channels, K * out_channels, 1)
        if in_channels != out_channels:
            self.down = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1),
                nn.BatchNorm2d(out_channels))
        else:
            self.down = nn.Identity()
        self.bn = nn.BatchNorm2d(out_channels)

    def init_weights(self) -> None:
        """Original init: kaiming (fan-out) convs, ``conv_d`` branch init
        ``N(0, sqrt(2 / (C_out C_in K)))``, BN 1 (last BN 1e-6)."""
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode='fan_out')
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        # kaiming fan_out of the original per-subset conv (C_e outputs)
        for conv, co in ((self.conv_a, self.inter_channels),
                         (self.conv_b, self.inter_channels)):
            nn.init.normal_(conv.weight, 0., math.sqrt(2. / co))
        ci = self.conv_d.in_channels
        nn.init.normal_(self.conv_d.weight, 0., math.sqrt(
            2. / (self.out_channels * ci * self.num_subsets)))
        nn.init.constant_(self.bn.weight, 1e-6)
        nn.init.constant_(self.PA, 1e-6)

    def forward(self, x: torch.Tensor, A: torch.Tensor) -> torch.Tensor:
        B, C, T, V = x.shape
        K, Ce, Co = self.num_subsets, self.inter_channels, self.out_channels
        a = self.conv_a(x).view(B, K, Ce, T, V)
        b = self.conv_b(x).view(B, K, Ce, T, V)
        # (B, K, V, V): sum over (c, t), column softmax (over rows u)
        att = torch.einsum('bkctu,bkctv->bkuv', a, b) / (Ce * T)
        graph = att.softmax(dim=-2) + (A + self.PA).to(att.dtype)
        d = F.conv2d(x, self.conv_d.weight).view(B, K, Co * T, V)
        # sum_k d_k G_k as one (Co T, K V) x (K V, V) product per sample
        d = d.permute(0, 2, 1, 3).reshape(B, Co * T, K * V)
        y = (d @ graph.to(d.dtype).reshape(B, K * V, V)).view(B, Co, T, V)
        y = y + self.conv_d.bias.view(K, Co).sum(0).view(1, Co, 1, 1)
        return F.relu(self.bn(y) + self.down(x))


class AGCNBlock(GraphConvUnit):
    """2s-AGCN ``TCN_GCN_unit``: ``ReLU(tcn(gcn(x, A)) + res(x))`` with
    ``gcn`` an :class:`AdaptiveGraphConv`, ``tcn = BN(Conv(9 x 1,
    stride))`` and ``res`` identity, a strided ``BN(Conv1x1)`` or none.

    Shapes: ``x (B, C_in, T, V)``, ``A (K, V, V)`` -> ``(B, C_out,
    T/stride, V)``.
    """

    def __init__(self, in_channels: int, out_channels: int, num_joints: int,
                 num_subsets: int = 3, stride: int = 1,
                 temporal_kernel: int = 9, residual: bool = True):
        super().__init__()
        self.gcn = AdaptiveGraphConv(in_channels, out_channels, num_joints,
                                     num_subsets)
        self.tcn = nn.Sequential(
            temporal_conv(out_channels, temporal_kernel, stride),
            nn.BatchNorm2d(out_channels))
        self.residual = unit_residual(in_channels, out_channels, stride,
                                      residual)

    def init_weights(self) -> None:
        for m in [self.tcn, self.residual]:
            if not isinstance(m, nn.Sequential):
                continue
            nn.init.kaiming_normal_(m[0].weight, mode='fan_out')
            nn.init.zeros_(m[0].bias)
            nn.init.ones_(m[1].weight)
            nn.init.zeros_(m[1].bias)
        self.gcn.init_weights()

    def graph_conv(self, x: torch.Tensor, A: torch.Tensor) -> torch.Tensor:
        return self.gcn(x, A)


@MODELS.register_module()
class AGCN(BaseGraphBackbone):
    """2s-AGCN (Shi et al., CVPR'19; one stream), ISC's graph encoder
    (Thoker et al., ACM MM'21, ``moco/AGCN.py``).

    Input BatchNorm over ``M V C``, then 10 units: ``C -> 64`` (no
    residual), ``64 x 3``, ``64 -> 128`` (stride 2), ``128 x 2``,
    ``128 -> 256`` (stride 2), ``256 x 2``; each with the adaptive graph
    ``A + B + C`` over the 3 subsets ``[I, inward, outward]`` of
    ``layout`` and a 9 x 1 temporal conv.

    Shapes:
        ``x (N, M, T, V, C)`` -> ``(N, M, ceil(T/4), V, 256)``;
        ``SkeletonGlobalPool`` (mean over T', V then M) gives ISC's 256-d
        feature.

    Args:
        in_channels (int): Input channels ``C``.
        layout (str | dict | SkeletonLayout): Skeleton layout.
        num_persons (int): Actor slots of the data BN (2).
        base_channels (int): Channels of the first stage (64).
        temporal_kernel (int): Temporal kernel (9).
        frozen_stages (int): ``-1`` none; ``k >= 0`` freezes the data BN
            and the first ``k`` units.
        norm_eval (bool): Keep BN layers in eval mode.

    Parameters (NTU, C=3, M=2, classifier excluded): 3,454,090, as the
    original (``docs/backbones.md``).
    """

    def __init__(self,
                 in_channels: int = 3,
                 layout='nturgb+d',
                 num_persons: int = 2,
                 base_channels: int = 64,
                 temporal_kernel: int = 9,
                 frozen_stages: int = -1,
                 norm_eval: bool = False,
                 init_cfg: Optional[dict] = None):
        super().__init__(in_channels, layout, num_persons, data_bn='MVC',
                         frozen_stages=frozen_stages, norm_eval=norm_eval,
                         init_cfg=init_cfg)
        V = self.layout.num_joints
        K = self.A.shape[0]
        self.blocks = self.build_units(
            self.stage_channels(base_channels),
            lambda i, c_in, c_out, stride, res: AGCNBlock(
                c_in, c_out, V, K, stride, temporal_kernel, res))
        self.init_backbone_weights()
        self._freeze_stages()

    def build_graph(self) -> torch.Tensor:
        """The ``(3, V, V)`` graph ``[I, inward, outward]`` of the
        layout."""
        return agcn_spatial_graph(self.layout)

    def init_backbone_weights(self) -> None:
        nn.init.ones_(self.data_bn.bn.weight)
        nn.init.zeros_(self.data_bn.bn.bias)
        for blk in self.blocks:
            blk.init_weights()
