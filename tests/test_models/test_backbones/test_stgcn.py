import pytest
import torch

from skelbench.models import STGCN
from skelbench.registry import MODELS


def n_params(m):
    return sum(p.numel() for p in m.parameters())


def stgcn_count(C=3, V=25, K=3, bn_feats=None, w=1.):
    """Parameters of the original ST-GCN (yysijie/st-gcn ``Model`` without
    ``fcn``), derived unit by unit:

    gcn Conv1x1(c_in -> K c_out) + bias; tcn BN(c_out), Conv(9x1, c_out ->
    c_out) + bias, BN(c_out); residual Conv1x1 + bias + BN when the
    channels or the stride change (not in unit 1); data_bn 2 per feature;
    edge importance K V V per unit.
    """
    def unit(ci, co, res):
        n = ci * K * co + K * co + 2 * co + 9 * co * co + co + 2 * co
        return n + (ci * co + co + 2 * co if res else 0)

    c = [int(64 * w), int(128 * w), int(256 * w)]
    n = 2 * (bn_feats if bn_feats is not None else V * C)
    n += unit(C, c[0], False) + 3 * unit(c[0], c[0], False)
    n += unit(c[0], c[1], True) + 2 * unit(c[1], c[1], False)
    n += unit(c[1], c[2], True) + 2 * unit(c[2], c[2], False)
    return n + 10 * K * V * V


def test_param_count_equals_original():
    # original ST-GCN on NTU: data_bn over V*C = 75 features
    assert stgcn_count() == 3083412
    assert n_params(STGCN(data_bn='VC')) == 3083412
    # the data_bn over M*V*C = 150 features: +150
    assert n_params(STGCN()) == stgcn_count(bn_feats=150) == 3083562
    # BYOL 2x with joint + bone input (6 channels)
    assert n_params(STGCN(in_channels=6, width=2, data_bn='VC')) == \
        stgcn_count(C=6, w=2)
    # NW-UCLA graph
    assert n_params(STGCN(layout='nw-ucla', data_bn='VC')) == \
        stgcn_count(V=20)


@pytest.mark.parametrize('layout,V', [('nturgb+d', 25), ('nw-ucla', 20)])
@pytest.mark.parametrize('M', [1, 2])
def test_output_shapes(layout, V, M):
    model = STGCN(layout=layout, width=0.25)
    out = model(torch.randn(2, M, 16, V, 3))
    assert out.shape == (2, M, 4, V, 64)


def test_widths_channels_and_registry():
    for w, d in [(0.25, 64), (0.5, 128), (1, 256), (2, 512)]:
        m = MODELS.build(dict(type='STGCN', width=w, in_channels=6))
        assert m.out_channels == d
        assert m.blocks[0].gcn.in_channels == 6
    m = STGCN(width=0.25, in_channels=6).eval()
    assert m(torch.randn(1, 2, 9, 25, 6)).shape == (1, 2, 3, 25, 64)


def test_graph_is_buffer_and_edge_importance_learned():
    m = STGCN(width=0.25)
    assert 'A' in dict(m.named_buffers())
    assert m.A.shape == (3, 25, 25)
    torch.testing.assert_close(m.A.sum(0).sum(0), torch.ones(25))
    m(torch.randn(2, 2, 8, 25, 3)).sum().backward()
    assert m.edge_importance[3].grad is not None


def test_frozen_stages_and_norm_eval():
    torch.manual_seed(0)
    m = STGCN(width=0.25, frozen_stages=3)
    m.train()
    frozen = [m.data_bn, *m.blocks[:3]]
    stats = [b.running_mean.clone() for f in frozen for b in f.modules()
             if isinstance(b, torch.nn.modules.batchnorm._BatchNorm)]
    m(torch.randn(2, 2, 8, 25, 3)).sum().backward()
    for f in frozen:
        assert not f.training
        assert all(p.grad is None and not p.requires_grad
                   for p in f.parameters())
    assert all(w.grad is None for w in m.edge_importance[:3])
    assert m.edge_importance[3].grad is not None
    assert m.blocks[3].gcn.weight.grad is not None
    after = [b.running_mean for f in frozen for b in f.modules()
             if isinstance(b, torch.nn.modules.batchnorm._BatchNorm)]
    assert all(torch.equal(a, b) for a, b in zip(stats, after))
    m2 = STGCN(width=0.25, norm_eval=True).train()
    assert all(not b.training for b in m2.modules()
               if isinstance(b, torch.nn.BatchNorm2d))


def test_mvc_bn_with_fewer_actors_updates_first_slots():
    m = STGCN(width=0.25).train()
    m(torch.randn(2, 1, 8, 25, 3) + 5)
    rm = m.data_bn.bn.running_mean
    assert (rm[:75] > 0.1).all() and (rm[75:] == 0).all()


def test_bf16_autocast():
    m = STGCN(width=0.25)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        out = m(torch.randn(2, 2, 8, 25, 3))
    assert torch.isfinite(out.float()).all()
