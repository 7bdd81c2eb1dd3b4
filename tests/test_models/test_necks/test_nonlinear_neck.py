"""NonLinearNeck: BYOL's projector (with BN) and ISC's MoCo v2 head."""
import pytest
import torch
from torch import nn

from skelbench.models.necks import NonLinearNeck


def test_layers_with_and_without_bn():
    byol = NonLinearNeck(8, 16, 4)
    assert [type(m) for m in byol.mlp] == [nn.Linear, nn.BatchNorm1d,
                                           nn.ReLU, nn.Linear]
    isc = NonLinearNeck(8, 8, 4, with_bn=False)
    assert [type(m) for m in isc.mlp] == [nn.Linear, nn.ReLU, nn.Linear]
    x = torch.randn(5, 8)
    ref = isc.mlp[2](torch.relu(isc.mlp[0](x)))
    torch.testing.assert_close(isc(x), ref)
    assert isc.out_channels == 4
    pooled = NonLinearNeck(8, 8, 4, with_bn=False, with_pool=True)
    assert pooled(torch.randn(5, 2, 3, 7, 8)).shape == (5, 4)
    with pytest.raises(ValueError, match=r'\(N, 8\)'):
        isc(torch.randn(5, 6))
