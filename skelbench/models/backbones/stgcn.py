"""ST-GCN (Yan, Xiong & Lin, AAAI'18), the encoder of Skeleton BYOL."""
from typing import Optional, Sequence

import torch
import torch.nn.functional as F
from torch import nn

from skelbench.registry import MODELS
from skelbench.models.utils.graph_layers import stgcn_spatial_graph

from .base_graph_backbone import BaseGraphBackbone


class InputBatchNorm(nn.Module):
    """ST-GCN / 2s-AGCN ``data_bn``: BatchNorm1d over the joint channels.

    ``mode='MVC'`` (2s-AGCN, and the issue's ST-GCN) normalises each of
    the ``num_persons * V * C`` (actor, joint, coordinate) channels
    separately; ``mode='VC'`` (the original ST-GCN code) shares the
    ``V * C`` statistics over actors. With fewer actors than
    ``num_persons`` (``'MVC'``) the first ``M V C`` channels are used.

    Shapes: ``(N, M, T, V, C) -> (N*M, C, T, V)``.
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
            if k == bn.num_features:
                y = bn(y)
            else:
                use_batch = bn.training or bn.running_mean is None
                if bn.training and bn.num_batches_tracked is not None:
                    bn.num_batches_tracked.add_(1)
                y = F.batch_norm(
                    y, bn.running_mean[:k], bn.running_var[:k],
                    bn.weight[:k], bn.bias[:k], use_batch, bn.momentum,
                    bn.eps)
        return y.reshape(N * M, V, C, T).permute(0, 2, 3, 1).contiguous()


class STGCNBlock(nn.Module):
    """One ST-GCN unit: spatial graph conv + temporal conv + residual.

    ``gcn``: ``Conv1x1(C_in -> K C_out)`` then ``sum_k X_k (A_k * M_k)``
    (``M``: edge importance); ``tcn``: BN-ReLU-Conv(t x 1, stride)-BN-
    Dropout; output ``ReLU(tcn(gcn(x)) + res(x))``.

    Shapes: ``x (B, C_in, T, V)``, ``A (K, V, V)`` ->
    ``(B, C_out, T/stride, V)``.
    """

    def __init__(self, in_channels: int, out_channels: int,
                 num_subsets: int = 3, temporal_kernel: int = 9,
                 stride: int = 1, dropout: float = 0.,
                 residual: bool = True):
        super().__init__()
        self.num_subsets = num_subsets
        pad = (temporal_kernel - 1) // 2
        self.gcn = nn.Conv2d(in_channels, out_channels * num_subsets, 1)
        self.tcn = nn.Sequential(
            nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, (temporal_kernel, 1),
                      (stride, 1), (pad, 0)),
            nn.BatchNorm2d(out_channels), nn.Dropout(dropout))
        if not residual:
            self.residual = None
        elif in_channels == out_channels and stride == 1:
            self.residual = nn.Identity()
        else:
            self.residual = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, (stride, 1)),
                nn.BatchNorm2d(out_channels))

    def forward(self, x: torch.Tensor, A: torch.Tensor) -> torch.Tensor:
        y = self.gcn(x)
        B, KC, T, V = y.shape
        K = self.num_subsets
        y = torch.einsum('bkctv,kvw->bctw', y.view(B, K, KC // K, T, V),
                         A.to(y.dtype))
        y = self.tcn(y)
        if self.residual is not None:
            y = y + self.residual(x)
        return F.relu(y)


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
        data_bn (str): ``'MVC'`` (per actor, as asked in the issue and as
            in 2s-AGCN) or ``'VC'`` (the original ST-GCN code).
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
        super().__init__(in_channels, layout, num_persons,
                         frozen_stages=frozen_stages, norm_eval=norm_eval,
                         init_cfg=init_cfg)
        V = self.layout.num_joints
        self.register_buffer('A', stgcn_spatial_graph(self.layout),
                             persistent=False)
        K = self.A.shape[0]
        n_bn = (num_persons if data_bn == 'MVC' else 1) * V * in_channels
        self.data_bn = InputBatchNorm(n_bn, data_bn)
        chans = [int(round(base_channels * width * m))
                 for m, _, _ in self.arch]
        self.out_channels = chans[-1]
        blocks, c_in = [], in_channels
        for i, ((_, stride, res), c_out) in enumerate(zip(self.arch, chans)):
            blocks.append(STGCNBlock(c_in, c_out, K, temporal_kernel, stride,
                                     dropout if i else 0., res))
            c_in = c_out
        self.blocks = nn.ModuleList(blocks)
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

    def graphs(self) -> Sequence[torch.Tensor]:
        """The ``(K, V, V)`` graph of every unit (``A * importance``)."""
        if self.edge_importance is None:
            return super().graphs()
        return [self.A * w for w in self.edge_importance]
