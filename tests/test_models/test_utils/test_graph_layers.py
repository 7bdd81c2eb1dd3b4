import pytest
import torch
from torch import nn

from skelbench.models.utils.graph_layers import (GraphConvUnit,
                                                 InputBatchNorm,
                                                 temporal_conv, unit_residual)


def test_temporal_conv_shapes():
    conv = temporal_conv(4, 9, 2)
    assert conv.kernel_size == (9, 1) and conv.padding == (4, 0)
    assert conv(torch.zeros(1, 4, 15, 3)).shape == (1, 4, 8, 3)


def test_unit_residual_kinds():
    assert unit_residual(4, 4, 1, residual=False) is None
    assert isinstance(unit_residual(4, 4, 1), nn.Identity)
    res = unit_residual(4, 8, 2)
    assert res(torch.zeros(1, 4, 10, 3)).shape == (1, 8, 5, 3)


def test_graph_conv_unit_combines_branches():
    class Unit(GraphConvUnit):
        def __init__(self, residual):
            super().__init__()
            self.tcn = nn.Identity()
            self.residual = unit_residual(2, 2, 1, residual)

        def graph_conv(self, x, A):
            return torch.einsum('bctv,vw->bctw', x, A[0])

    x = torch.randn(1, 2, 3, 4)
    A = torch.eye(4)[None] * -1
    torch.testing.assert_close(Unit(True)(x, A), torch.zeros_like(x))
    torch.testing.assert_close(Unit(False)(x, A), torch.relu(-x))
    with pytest.raises(NotImplementedError, match='graph_conv'):
        GraphConvUnit()(x, A)


def test_input_batch_norm_modes():
    x = torch.randn(4, 2, 6, 5, 3)
    assert InputBatchNorm(2 * 5 * 3, 'MVC')(x).shape == (8, 3, 6, 5)
    assert InputBatchNorm(5 * 3, 'VC')(x).shape == (8, 3, 6, 5)
    with pytest.raises(ValueError, match='data_bn mode'):
        InputBatchNorm(15, 'CV')
    with pytest.raises(ValueError, match='> data_bn size'):
        InputBatchNorm(15, 'MVC')(x)
