"""Shared scaffolding of the 10-unit graph encoders (ST-GCN, 2s-AGCN)."""
from typing import Callable, Optional, Sequence

import torch
from torch import nn

from skelbench.layouts import get_layout
from skelbench.models.utils.graph_layers import InputBatchNorm

from .base_backbone import BaseBackbone


class BaseGraphBackbone(BaseBackbone):
    """Base of the ST-GCN-style encoders: input BatchNorm ``data_bn`` then
    ten graph units ``blocks`` over the layout's joints.

    ``arch`` is the ten-unit plan shared by ST-GCN (Yan et al., AAAI'18)
    and 2s-AGCN (Shi et al., CVPR'19): per unit ``(channel multiplier,
    temporal stride, residual)``: 64 x 4 (the first without residual),
    128 x 3 (stride-2 entry), 256 x 3 (stride-2 entry).

    This class resolves the layout, registers the ``(K, V, V)`` graph of
    :meth:`build_graph` as the non-persistent buffer ``A`` and builds the
    input BatchNorm ``data_bn`` (:class:`InputBatchNorm`). Subclasses
    build ``self.blocks`` with :meth:`build_units` (units called as
    ``unit(x, graph)`` on ``(N M, C, T, V)``); :meth:`graphs` gives the
    graph of each unit (``A`` for all, unless overridden). :meth:`forward`
    checks the input, runs ``data_bn`` and the units, and returns ``(N,
    M, T', V, D)``. Freezing ``k >= 0`` stages freezes the data BN and the
    first ``k`` units.

    Args:
        in_channels (int): Input channels ``C``.
        layout (str | dict | SkeletonLayout): Skeleton layout.
        num_persons (int): Actor slots ``M``.
        data_bn (str): :class:`InputBatchNorm` mode, ``'MVC'`` (per actor)
            or ``'VC'`` (shared over actors).
        frozen_stages (int): ``-1`` (none) to ``len(arch)``.
        norm_eval (bool): Keep the normalisation layers in eval mode.
        init_cfg (dict, optional): Initialisation config.
    """

    arch = ((1, 1, False), (1, 1, True), (1, 1, True), (1, 1, True),
            (2, 2, True), (2, 1, True), (2, 1, True), (4, 2, True),
            (4, 1, True), (4, 1, True))  # (channel mult, stride, residual)

    def __init__(self, in_channels: int, layout, num_persons: int,
                 data_bn: str = 'MVC', frozen_stages: int = -1,
                 norm_eval: bool = False, init_cfg: Optional[dict] = None):
        super().__init__(frozen_stages=frozen_stages, norm_eval=norm_eval,
                         init_cfg=init_cfg)
        if not -1 <= frozen_stages <= len(self.arch):
            raise ValueError(f'frozen_stages must be in [-1, '
                             f'{len(self.arch)}], got {frozen_stages}')
        self.layout = get_layout(layout)
        self.in_channels = in_channels
        self.num_persons = num_persons
        self.register_buffer('A', self.build_graph(), persistent=False)
        V = self.layout.num_joints
        n_bn = (num_persons if data_bn == 'MVC' else 1) * V * in_channels
        self.data_bn = InputBatchNorm(n_bn, data_bn)

    def build_graph(self) -> torch.Tensor:
        """The ``(K, V, V)`` graph of ``self.layout``."""
        raise NotImplementedError(
            f'{type(self).__name__} must implement build_graph()')

    def stage_channels(self, base_channels: int, width: float = 1.
                       ) -> Sequence[int]:
        """Output channels of every unit: ``round(base_channels * width *
        mult)`` for the multipliers of :attr:`arch`."""
        return [int(round(base_channels * width * m))
                for m, _, _ in self.arch]

    def build_units(self, channels: Sequence[int],
                    make_unit: Callable[..., nn.Module]) -> nn.ModuleList:
        """The units of :attr:`arch` with output ``channels``.

        ``make_unit(index, in_channels, out_channels, stride, residual)``
        builds one unit; the first takes ``self.in_channels``, each next
        one the previous output. Sets ``self.out_channels``.
        """
        units, c_in = [], self.in_channels
        for i, ((_, stride, residual), c_out) in enumerate(
                zip(self.arch, channels)):
            units.append(make_unit(i, c_in, c_out, stride, residual))
            c_in = c_out
        self.out_channels = c_in
        return nn.ModuleList(units)

    def frozen_modules(self):
        if self.frozen_stages < 0:
            return []
        return [self.data_bn] + list(self.blocks[:self.frozen_stages])

    def graphs(self) -> Sequence[torch.Tensor]:
        """The ``(K, V, V)`` graph of every unit (here: ``A`` for all)."""
        return [self.A] * len(self.blocks)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``(N, M, T, V, C)`` -> ``(N, M, T', V, D)``."""
        self.check_input(x, self.layout.num_joints, self.in_channels)
        N, M, T, V, C = x.shape
        y = self.data_bn(x)
        for unit, graph in zip(self.blocks, self.graphs()):
            y = unit(y, graph)
        _, D, Tp, _ = y.shape
        return y.view(N, M, D, Tp, V).permute(0, 1, 3, 4, 2)
