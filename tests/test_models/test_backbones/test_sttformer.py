import pytest
import torch

from skelbench.models import STTFormer
from skelbench.models.backbones.sttformer import (STTFORMER_CONFIG,
                                                  joint_sinusoid)
from skelbench.registry import MODELS


def n_params(m):
    return sum(p.numel() for p in m.parameters())


def sttformer_count(C=3, V=25, l=6, H=3, config=STTFORMER_CONFIG):  # noqa
    """Parameters of heleiqiu/STTFormer ``Model`` without ``fc``.

    input_map Conv1x1(C -> c0) + bias, BN. STA_Block(i, o, d) over
    V' = l V tuple joints: to_qkvs Conv1x1(i -> 2 H d) + bias; alphas H;
    attention0s H V'^2; out_nets Conv(1x5)(H i -> o) + bias + BN; ff_net
    Conv1x1(o -> o) + bias + BN; out_nett Conv(3x1)(o -> o) + bias + BN;
    if i != o: ress Conv1x1(i -> o) + BN and rest Conv1x1(o -> o) + BN.
    (Pos_Embed and atts are buffers.)
    """
    Vp = l * V
    c0 = config[0][0]
    n = C * c0 + c0 + 2 * c0
    for i, o, d in config:
        n += i * 2 * H * d + 2 * H * d + H + H * Vp * Vp
        n += 5 * H * i * o + 3 * o + o * o + 3 * o + 3 * o * o + 3 * o
        if i != o:
            n += i * o + 3 * o + o * o + 3 * o
    return n


def test_param_count_equals_original():
    # 8 blocks; att0 alone is 8 * 3 * 150^2 = 540,000
    assert sttformer_count() == 6218168
    assert n_params(STTFormer()) == 6218168
    assert n_params(STTFormer(layout='nw-ucla')) == sttformer_count(V=20)
    # SkeletonMAE decoder: 9 blocks of width 256 (qkv 64) on 256-d input
    dec = STTFormer(in_channels=256, embed_dims=256, depth=9)
    assert n_params(dec) == sttformer_count(C=256,
                                            config=[(256, 256, 64)] * 9)


@pytest.mark.parametrize('layout,V', [('nturgb+d', 25), ('nw-ucla', 20)])
@pytest.mark.parametrize('M', [1, 2])
def test_output_shapes(layout, V, M):
    m = MODELS.build(dict(type='STTFormer', layout=layout,
                          config=[(16, 16, 4), (16, 32, 8)]))
    out = m(torch.randn(2, M, 12, V, 3))
    assert out.shape == (2, M, 2, 6 * V, 32)


def test_tuple_layout_and_position_encoding():
    m = STTFormer(config=[(8, 8, 2)])
    x = torch.randn(1, 1, 12, 25, 3)
    tup = m.to_tuples(x)  # (1, 3, 2, 150)
    # tuple 1, tuple-joint 2*25 + 4 = frame 6 + 2, joint 4
    assert torch.equal(tup[0, :, 1, 54], x[0, 0, 8, 4])
    pe = joint_sinusoid(8, 150)
    assert pe.shape == (1, 8, 1, 150)
    assert torch.allclose(pe[0, 0, 0, 3], torch.sin(torch.tensor(3.)))
    assert torch.allclose(pe[0, 1, 0, 3], torch.cos(torch.tensor(3.)))


def reference_block(b, x):
    """Original STA_Block.forward written with einsum."""
    N, C, T, V = x.shape
    H, d = b.num_heads, b.qkv_dim
    xs = b.pes + x
    q, k = torch.chunk(b.to_qkvs(xs).view(N, 2 * H, d, T, V), 2, dim=1)
    att = torch.tanh(torch.einsum('nsctu,nsctv->nsuv', q, k) / (d * T))
    att = att * b.alphas + b.attention0s.repeat(N, 1, 1, 1)
    xs = torch.einsum('nctu,nsuv->nsctv', x, att).reshape(N, H * C, T, V)
    r = b.ress(x)
    xs = b.act(b.out_nets(xs) + r)
    xs = b.act(b.ff_net(xs) + r)
    return b.act(b.out_nett(xs) + b.rest(xs))


def test_block_matches_original_formula():
    torch.manual_seed(0)
    m = STTFormer(config=[(8, 16, 4)]).eval()
    b = m.blocks[0]
    torch.nn.init.normal_(b.attention0s, std=0.1)
    x = torch.randn(2, 8, 3, 150)
    torch.testing.assert_close(b(x), reference_block(b, x), atol=1e-5,
                               rtol=1e-4)


def test_mask_token():
    torch.manual_seed(0)
    m = STTFormer(config=[(8, 8, 2)], mask_token=True).eval()
    x = torch.randn(1, 2, 12, 25, 3)
    mask = torch.zeros(1, 2, 12, 25, dtype=torch.bool)
    mask[:, :, 6:] = True  # frame-level: second tuple
    mask[:, :, :6, 3] = True  # joint 3 in the first tuple
    y1 = m(x, mask)
    x2 = x.clone()
    x2[mask] = torch.randn(int(mask.sum()), 3)
    torch.testing.assert_close(m(x2, mask), y1)  # masked values unseen
    assert not torch.allclose(m(x), y1)
    m.train()
    m(x, mask).sum().backward()
    assert m.mask_token.grad is not None
    with pytest.raises(ValueError):
        STTFormer(config=[(8, 8, 2)])(x, mask)


def test_decoder_stack_forward_tuples():
    dec = STTFormer(in_channels=32, embed_dims=16, depth=2)
    assert len(dec.blocks) == 2 and dec.blocks[0].qkv_dim == 4
    assert dec.forward_tuples(torch.randn(2, 32, 2, 150)).shape == \
        (2, 16, 2, 150)


def test_frozen_stages_and_bf16():
    m = STTFormer(config=[(8, 8, 2), (8, 8, 2)], frozen_stages=1,
                  mask_token=True).train()
    rm = m.input_map[1].running_mean.clone()
    m(torch.randn(2, 2, 6, 25, 3)).sum().backward()
    assert all(p.grad is None for p in m.input_map.parameters())
    assert all(p.grad is None for p in m.blocks[0].parameters())
    assert not m.mask_token.requires_grad
    assert m.blocks[1].attention0s.grad is not None
    assert torch.equal(m.input_map[1].running_mean, rm)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        out = m(torch.randn(2, 2, 6, 25, 3))
    assert torch.isfinite(out.float()).all()
