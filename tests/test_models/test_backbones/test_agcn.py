import pytest
import torch

from skelbench.models import AGCN
from skelbench.registry import MODELS


def n_params(m):
    return sum(p.numel() for p in m.parameters())


def agcn_count(C=3, V=25, M=2, K=3):
    """Parameters of ISC's ``moco/AGCN.py`` (2s-AGCN) without ``fc``.

    unit_gcn(ci, co): PA K V V; conv_a, conv_b K x Conv1x1(ci -> co/4) +
    bias; conv_d K x Conv1x1(ci -> co) + bias; down Conv1x1 + bias + BN if
    ci != co; bn 2 co. unit_tcn: Conv(9x1) + bias + BN. Residual unit_tcn
    (1x1) when ci != co or stride 2 (not in unit 1); data_bn 2 M V C.
    """
    def unit(ci, co, res):
        ce = co // 4
        n = K * V * V + 2 * K * (ci * ce + ce) + K * (ci * co + co)
        n += (ci * co + 3 * co if ci != co else 0) + 2 * co
        n += 9 * co * co + 3 * co
        return n + (ci * co + 3 * co if res else 0)

    n = 2 * M * V * C + unit(C, 64, False) + 3 * unit(64, 64, False)
    n += unit(64, 128, True) + 2 * unit(128, 128, False)
    n += unit(128, 256, True) + 2 * unit(256, 256, False)
    return n


def test_param_count_equals_original():
    assert agcn_count() == 3454090
    assert n_params(AGCN()) == 3454090
    assert n_params(AGCN(layout='nw-ucla')) == agcn_count(V=20)


@pytest.mark.parametrize('layout,V', [('nturgb+d', 25), ('nw-ucla', 20)])
@pytest.mark.parametrize('M', [1, 2])
def test_output_shapes(layout, V, M):
    model = MODELS.build(dict(type='AGCN', layout=layout, base_channels=16))
    out = model(torch.randn(2, M, 16, V, 3))
    assert out.shape == (2, M, 4, V, 64)


def test_graph_buffer_matches_2s_agcn():
    m = AGCN(base_channels=8)
    A = m.A
    assert A.shape == (3, 25, 25)
    assert torch.equal(A[0], torch.eye(25))
    # inward: column of child 0 (spine base) points to its parent 1
    assert A[1][1, 0] == 1 and A[1][:, 0].sum() == 1
    # outward: column of joint 20 (spine shoulder, 4 children + ...)
    col = A[2][:, 20]
    torch.testing.assert_close(col.sum(), torch.tensor(1.))
    assert not m.A.requires_grad


def reference_gcn(g, x, A):
    """Original ``unit_gcn.forward`` with a loop over subsets."""
    N, C, T, V = x.shape
    K, Ce, Co = g.num_subsets, g.inter_channels, g.out_channels
    wa = g.conv_a.weight.view(K, Ce, C, 1, 1)
    ba = g.conv_a.bias.view(K, Ce)
    wb = g.conv_b.weight.view(K, Ce, C, 1, 1)
    bb = g.conv_b.bias.view(K, Ce)
    wd = g.conv_d.weight.view(K, Co, C, 1, 1)
    bd = g.conv_d.bias.view(K, Co)
    AA = A + g.PA
    y = 0
    for i in range(K):
        a1 = torch.nn.functional.conv2d(x, wa[i], ba[i])
        a1 = a1.permute(0, 3, 1, 2).reshape(N, V, Ce * T)
        a2 = torch.nn.functional.conv2d(x, wb[i], bb[i]).view(N, Ce * T, V)
        a1 = torch.softmax(a1 @ a2 / a1.size(-1), -2) + AA[i]
        z = (x.view(N, C * T, V) @ a1).view(N, C, T, V)
        y = y + torch.nn.functional.conv2d(z, wd[i], bd[i])
    return torch.relu(g.bn(y) + g.down(x))


def test_batched_subsets_match_original_loop():
    torch.manual_seed(0)
    m = AGCN(base_channels=16).eval()
    g = m.blocks[4].gcn
    torch.nn.init.normal_(g.bn.weight)
    torch.nn.init.normal_(g.PA, std=0.1)
    x = torch.randn(2, 16, 6, 25)
    torch.testing.assert_close(g(x, m.A), reference_gcn(g, x, m.A),
                               atol=1e-5, rtol=1e-4)


def test_frozen_stages_and_norm_eval():
    m = AGCN(base_channels=8, frozen_stages=2).train()
    bn = m.blocks[1].gcn.bn
    rm = bn.running_mean.clone()
    m(torch.randn(2, 2, 8, 25, 3)).sum().backward()
    for f in [m.data_bn, m.blocks[0], m.blocks[1]]:
        assert not f.training
        assert all(p.grad is None for p in f.parameters())
    assert torch.equal(bn.running_mean, rm)
    assert m.blocks[2].gcn.PA.grad is not None
    m2 = AGCN(base_channels=8, norm_eval=True).train()
    assert not m2.blocks[5].tcn[1].training


def test_bf16_autocast():
    m = AGCN(base_channels=8)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        out = m(torch.randn(2, 2, 8, 25, 3))
    assert torch.isfinite(out.float()).all()
