"""ST-GCN (Yan, Xiong & Lin, AAAI'18), the encoder of Skeleton BYOL."""
from typing import Optional, Sequence

import torch
from torch import nn

from skelbench.models.utils.graph import stgcn_spatial_graph
from skelbench.models.utils.graph_layers import (GraphConvUnit,
                                                 temporal_conv, unit_residual)
from skelbench.registry import MODELS

from .base_graph_backbone import BaseGraphBackbone


class STGCNBlock(GraphConvUnit):
    """One ST-GCN unit: spatial graph conv + temporal conv + residual.

    ``gcn``: ``Conv1x1(C_in -> K C_out)`` then ``sum_k X_k (A_k * M_k)``
    (``M``: edge importance, folded into ``A`` by the backbone); ``tcn``:
    BN-ReLU-Conv(t x 1, stride)-BN-Dropout; output ``ReLU(tcn(gcn(x)) +
    res(x))``.

    Shapes: ``x (B, C_in, T, V)``, ``A (K, V, V)`` ->
    ``(B, C_out, T/stride, V)``.
    """

    def __init__(self, in_channels: int, out_channels: int,
                 num_subsets: int = 3, temporal_kernel: int = 9,
                 stride: int = 1, dropout: float = 0.,
                 residual: bool = True):
        super().__init__()
        self.num_subsets = num_subsets
        self.gcn = nn.Conv2d(in_channels, out_channels * num_subsets, 1)
        self.tcn = nn.Sequential(
            nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True),
            temporal_conv(out_channels, temporal_kernel, stride),
            nn.BatchNorm2d(out_channels), nn.Dropout(dropout))
        self.residual = unit_residual(in_channels, out_channels, stride,
                                      residual)

    def graph_conv(self, x: torch.Tensor, A: torch.Tensor) -> torch.Tensor:
        """``sum_k (W_k x) A_k``: ``(B, C_in, T, V)`` -> ``(B, C_out, T,
        V)``."""
        y = self.gcn(x)
        B, KC, T, V = y.shape
        K = self.num_subsets
        return torch.einsum('bkctv,kvw->bctw', y.view(B, K, KC // K, T, V),
                            A.to(y.dtype))


@MODELS.register_module()
class STGCN(BaseGraphBackbone):
    """ST-GCN of Yan et al. (AAAI'18), as used by Skeleton BYOL (Moliner
    et al., CVPRW'22) at widths x0.25 / x0.5 / x1 / x2.

    Ten ST-GCN units with ``64, 64, 64, 64, 128 (stride 2), 128, 128,
    256 (stride 2), 256, 256`` channels (times ``width``), temporal kernel
    9, the 3-subset spatial partition of ``layout`` (a registered buffer),
    learnable edge importance (one ``(3, V, V)`` mask per unit) and an
    input BatchNorm. The first unit has no residual.

    Shapes:
        ``x (N, M, T, V, C)`` -> ``(N, M, ceil(T/4), V, 256*width)``.

    Args:
        in_channels (int): Input channels ``C`` (BYOL: 6 = joint + bone).
        layout (str | dict | SkeletonLayout): Skeleton layout.
        num_persons (int): Actor slots ``M`` of the ``'MVC'`` data BN.
        width (float): Channel multiplier (BYOL: 0.25, 0.5, 1, 2).
        base_channels (int): Channels of the first stage at width 1.
        temporal_kernel (int): Temporal kernel (9).
        dropout (float): Dropout in the units (original: 0 for
            unit 1, ``dropout`` for the others).
        edge_importance (bool): Learnable edge importance weighting.
        data_bn (str): ``'MVC'`` (per actor, as in 2s-AGCN) or ``'VC'``
            (the original ST-GCN code).
        frozen_stages (int): ``-1`` none; ``k >= 0`` freezes the data BN
            and the first ``k`` units (with their edge importance).
        norm_eval (bool): Keep BN layers in eval mode.

    Parameters at width 1, C=3, NTU (25 joints), classifier excluded:
    3,083,412 with ``data_bn='VC'`` (the original code) and 3,083,562
    with ``'MVC'`` (derivation in ``docs/backbones.md``).
    """

    def __init__(self,
                 in_channels: int = 3,
                 layout='nturgb+d',
                 num_persons: int = 2,
                 width: float = 1.,
                 base_channels: int = 64,
                 temporal_kernel: int = 9,
                 dropout: float = 0.,
                 edge_importance: bool = True,
                 data_bn: str = 'MVC',
                 frozen_stages: int = -1,
                 norm_eval: bool = False,
                 init_cfg: Optional[dict] = None):
        super().__init__(in_channels, layout, num_persons, data_bn=data_bn,
                         frozen_stages=frozen_stages, norm_eval=norm_eval,
                         init_cfg=init_cfg)
        V = self.layout.num_joints
        K = self.A.shape[0]
        self.blocks = self.build_units(
            self.stage_channels(base_channels, width),
            lambda i, c_in, c_out, stride, res: STGCNBlock(
                c_in, c_out, K, temporal_kernel, stride,
                dropout if i else 0., res))
        if edge_importance:
            self.edge_importance = nn.ParameterList([
                nn.Parameter(torch.ones(K, V, V)) for _ in self.blocks])
        else:
            self.edge_importance = None
        self.init_backbone_weights()
        self._freeze_stages()

    def init_backbone_weights(self) -> None:
        """Original ST-GCN init: conv ``N(0, 0.02)``, bias 0; BN weight
        ``N(1, 0.02)``, bias 0."""
        for m in self.modules():
            if isinstance(m, (nn.Conv1d, nn.Conv2d)):
                nn.init.normal_(m.weight, 0., 0.02)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, nn.modules.batchnorm._BatchNorm):
                nn.init.normal_(m.weight, 1., 0.02)
                nn.init.zeros_(m.bias)

    def _freeze_stages(self) -> None:
        super()._freeze_stages()
        if self.edge_importance is not None and self.frozen_stages > 0:
            for p in self.edge_importance[:self.frozen_stages]:
                p.requires_grad = False

    def build_graph(self) -> torch.Tensor:
        """The ``(3, V, V)`` spatial partition of the layout."""
        return stgcn_spatial_graph(self.layout)

    def graphs(self) -> Sequence[torch.Tensor]:
        """The ``(K, V, V)`` graph of every unit (``A * importance``)."""
        if self.edge_importance is None:
            return super().graphs()
        return [self.A * w for w in self.edge_importance]
