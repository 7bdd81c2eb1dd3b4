import pytest
import torch
import torch.nn.functional as F

from skelbench.models import HCN
from skelbench.registry import MODELS


def hcn_count(C=3, V=25, c=64, w=64):
    """ISC's ``moco/HCN.py`` without ``fc``, per path: conv1 1x1 (C -> c),
    conv2 3x1 (c -> w), conv3 3x3 (V -> c/2), conv4 3x3 (c/2 -> c), all with
    bias; two paths; conv5 3x3 (2c -> 2c), conv6 3x3 (2c -> 4c)."""
    path = (C * c + c) + (3 * c * w + w) + (9 * V * c // 2 + c // 2) + \
        (9 * c // 2 * c + c)
    return 2 * path + (9 * 4 * c * c + 2 * c) + (9 * 8 * c * c + 4 * c)


def test_param_count_equals_original():
    # 2 * (256 + 12352 + 7232 + 18496) + 147584 + 295168
    assert hcn_count() == 519424
    assert sum(p.numel() for p in HCN().parameters()) == 519424


@pytest.mark.parametrize('layout,V', [('nturgb+d', 25), ('nw-ucla', 20)])
@pytest.mark.parametrize('M', [1, 2])
def test_output_shapes(layout, V, M):
    m = MODELS.build(dict(type='HCN', layout=layout, out_channels=16,
                          window_size=32))
    out = m(torch.randn(2, M, 32, V, 3))
    assert out.shape == (2, 1, 1, 1, 64 * 2 * 2)


def test_isc_feature_is_4096():
    m = HCN().eval()
    assert m(torch.randn(1, 2, 64, 25, 3)).shape == (1, 1, 1, 1, 4096)


def test_matches_original_per_actor_loop():
    torch.manual_seed(0)
    m = HCN(out_channels=16, window_size=16).eval()
    x = torch.randn(2, 2, 16, 25, 3)
    xo = x.permute(0, 4, 2, 3, 1)  # original (N, C, T, V, M)
    N, C, T, V, M = xo.shape
    mot = xo[:, :, 1:] - xo[:, :, :-1]
    mot = mot.permute(0, 1, 4, 2, 3).reshape(N, C * M, T - 1, V)
    mot = F.interpolate(mot, size=(T, V), mode='bilinear',
                        align_corners=False)
    mot = mot.view(N, C, M, T, V).permute(0, 1, 3, 4, 2)
    outs = []
    for i in range(M):
        p, q = m.position, m.motion
        o = p[1](p[0](xo[..., i])).permute(0, 3, 2, 1)
        op = p[3](p[2](o))
        o = q[1](q[0](mot[..., i])).permute(0, 3, 2, 1)
        om = q[3](q[2](o))
        outs.append(m.conv6(m.conv5(torch.cat([op, om], 1))))
    ref = torch.max(outs[0], outs[1]).view(N, -1)
    torch.testing.assert_close(m(x).flatten(1), ref, atol=1e-5, rtol=1e-5)


def test_frozen_stages():
    m = HCN(out_channels=16, window_size=16, frozen_stages=5).train()
    m(torch.randn(2, 2, 16, 25, 3)).sum().backward()
    assert all(p.grad is None for p in m.position.parameters())
    assert all(p.grad is None for p in m.conv5.parameters())
    assert not m.conv5.training and m.conv6.training
    assert m.conv6[0].weight.grad is not None
