"""Shared scaffolding of the 10-unit graph encoders (ST-GCN, 2s-AGCN)."""
from typing import Optional, Sequence

import torch

from skelbench.models.utils.graph_layers import as_layout

from .base_backbone import BaseBackbone


class BaseGraphBackbone(BaseBackbone):
    """Base of the ST-GCN-style encoders: input BatchNorm ``data_bn`` then
    ten graph units ``blocks`` over the layout's joints.

    ``arch`` is the original ten-unit plan shared by ST-GCN (Yan et al.,
    AAAI'18) and 2s-AGCN (Shi et al., CVPR'19): per unit ``(channel
    multiplier, temporal stride, residual)``: 64 x 4 (the first without
    residual), 128 x 3 (stride-2 entry), 256 x 3 (stride-2 entry).

    Subclasses build ``self.data_bn``, ``self.blocks`` (units called as
    ``unit(x, graph)`` on ``(N M, C, T, V)``) and the ``(K, V, V)`` graph
    buffer ``self.A``; :meth:`graphs` gives the graph of each unit (``A``
    for all, unless overridden). This class checks the input, runs
    ``data_bn`` and the units, and returns ``(N, M, T', V, D)``. Freezing
    ``k >= 0`` stages freezes the data BN and the first ``k`` units.

    Args:
        in_channels (int): Input channels ``C``.
        layout (str | dict | SkeletonLayout): Skeleton layout.
        num_persons (int): Actor slots ``M``.
        frozen_stages (int): ``-1`` (none) to ``len(arch)``.
        norm_eval (bool): Keep the normalisation layers in eval mode.
        init_cfg (dict, optional): Initialisation config.
    """

    arch = ((1, 1, False), (1, 1, True), (1, 1, True), (1, 1, True),
            (2, 2, True), (2, 1, True), (2, 1, True), (4, 2, True),
            (4, 1, True), (4, 1, True))  # (channel mult, stride, residual)

    def __init__(self, in_channels: int, layout, num_persons: int,
                 frozen_stages: int = -1, norm_eval: bool = False,
                 init_cfg: Optional[dict] = None):
        super().__init__(frozen_stages=frozen_stages, norm_eval=norm_eval,
                         init_cfg=init_cfg)
        if not -1 <= frozen_stages <= len(self.arch):
            raise ValueError(f'frozen_stages must be in [-1, '
                             f'{len(self.arch)}], got {frozen_stages}')
        self.layout = as_layout(layout)
        self.in_channels = in_channels
        self.num_persons = num_persons

    def frozen_modules(self):
        if self.frozen_stages < 0:
            return []
        return [self.data_bn] + list(self.blocks[:self.frozen_stages])

    def graphs(self) -> Sequence[torch.Tensor]:
        """The ``(K, V, V)`` graph of every unit (here: ``A`` for all)."""
        return [self.A] * len(self.blocks)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``(N, M, T, V, C)`` -> ``(N, M, T', V, D)``."""
        name = type(self).__name__
        if x.dim() != 5:
            raise ValueError(f'{name} expects (N, M, T, V, C) inputs, got '
                             f'{tuple(x.shape)}')
        N, M, T, V, C = x.shape
        if V != self.layout.num_joints or C != self.in_channels:
            raise ValueError(
                f'{name} was built for V={self.layout.num_joints}, '
                f'C={self.in_channels}; got input shape {tuple(x.shape)}')
        y = self.data_bn(x)
        for unit, graph in zip(self.blocks, self.graphs()):
            y = unit(y, graph)
        _, D, Tp, _ = y.shape
        return y.view(N, M, D, Tp, V).permute(0, 1, 3, 4, 2)
