import pytest
import torch

from skelbench.models import BiGRU
from skelbench.registry import MODELS


def gru_count(inp=150, H=1024, L=3):
    """``nn.GRU(inp, H, L, bidirectional=True)`` of ISC's ``moco/GRU.py``:
    per layer and direction ``3H (in + H)`` weights + ``2 x 3H`` biases;
    layer 0 reads ``in = 25 joints x 3 coords x 2 actors = 150``, later
    layers ``2H``."""
    def layer(i):
        return 2 * (3 * H * (i + H) + 6 * H)
    return layer(inp) + (L - 1) * layer(2 * H)


def test_param_count_equals_original():
    # 2 * (3*1024*1174 + 6144) + 2 * 2 * (3*1024*3072 + 6144)
    assert gru_count() == 44998656
    with torch.device('meta'):
        m = BiGRU()
    assert sum(p.numel() for p in m.parameters()) == 44998656
    assert m.out_channels == 2048


@pytest.mark.parametrize('layout,V', [('nturgb+d', 25), ('nw-ucla', 20)])
@pytest.mark.parametrize('M', [1, 2])
def test_output_shapes(layout, V, M):
    m = MODELS.build(dict(type='BiGRU', layout=layout, hidden_size=16,
                          num_layers=2))
    assert m.gru.input_size == V * 3 * 2
    assert m(torch.randn(2, M, 10, V, 3)).shape == (2, 1, 1, 1, 32)


def test_frame_vector_order_joint_coord_actor():
    m = BiGRU(hidden_size=4, num_layers=1)
    x = torch.randn(1, 2, 3, 25, 3)
    v = m.frame_vectors(x)
    # ISC: (C, T, V, M).transpose(1, 2, 0, 3).reshape(T, 150)
    ref = x[0].permute(3, 1, 2, 0).permute(1, 2, 0, 3).reshape(3, 150)
    assert torch.equal(v[0], ref)
    # a missing actor is a zero slot
    v1 = m.frame_vectors(x[:, :1])
    assert torch.equal(v1[0].view(3, 25, 3, 2)[..., 1], torch.zeros(3, 25, 3))


def test_last_step_feature_and_causal_option_match_isc_loop():
    torch.manual_seed(0)
    m = BiGRU(hidden_size=8, num_layers=3).eval()
    x = torch.randn(2, 2, 7, 25, 3)
    seq = m.frame_vectors(x)
    full, _ = m.gru(seq)
    assert torch.allclose(m(x).flatten(1), full[:, -1], atol=1e-6)
    # ISC feeds one frame at a time, carrying the hidden state
    h = None
    for t in range(seq.shape[1]):
        out, h = m.gru(seq[:, t:t + 1], h)
    m.causal_backward = True
    torch.testing.assert_close(m(x).flatten(1), out[:, -1], atol=1e-5,
                               rtol=1e-5)


def test_frozen_stages():
    m = BiGRU(hidden_size=8, num_layers=3, frozen_stages=2).train()
    m(torch.randn(2, 2, 5, 25, 3)).sum().backward()
    for n, p in m.gru.named_parameters():
        frozen = '_l0' in n or '_l1' in n
        assert (p.grad is None) == frozen, n
        assert p.requires_grad != frozen
