import pytest
import torch

from skelbench.models import SkeletonTransformer
from skelbench.models.backbones import interpolate_temporal_embed


def small(**kw):
    cfg = dict(num_joints=20, num_frames=16, segment_len=4, embed_dims=32,
               depth=2, num_heads=4)
    cfg.update(kw)
    return SkeletonTransformer(**cfg)


def test_output_shapes_and_param_count():
    model = small()
    x = torch.randn(2, 2, 16, 20, 3)
    assert model(x).shape == (2, 2, 4, 20, 32)
    # MAMP's 8 x 256 encoder: ~0.79M per block, 6.3M total
    mamp = SkeletonTransformer()
    n = sum(p.numel() for p in mamp.parameters())
    per_block = sum(p.numel() for p in mamp.blocks[0].parameters())
    assert per_block == 789760
    assert n == 8 * per_block + 12 * 256 + 256 + 25 * 256 + 30 * 256 + 512


def test_segment_order_is_frame_major():
    model = small()
    x = torch.arange(16 * 20 * 3, dtype=torch.float32).reshape(
        1, 1, 16, 20, 3)
    seg = model.segment(x)  # (1, 4, 20, 12)
    # token (t'=1, v=2) holds frames 4..7 of joint 2, (u, c) order
    expect = x[0, 0, 4:8, 2].reshape(-1)
    assert torch.equal(seg[0, 1, 2], expect)


def test_visible_tokens_match_independent_reference():
    torch.manual_seed(0)
    model = small().eval()
    x = torch.randn(2, 1, 16, 20, 3)
    ids_keep = torch.stack([torch.randperm(80)[:10] for _ in range(2)])
    out = model(x, ids_keep=ids_keep)
    # reference written from the definition: embed every token, pick the
    # kept ones, plain attention blocks
    seg = x.reshape(2, 4, 4, 20, 3).permute(0, 1, 3, 2, 4).reshape(
        2, 4, 20, 12)
    tok = seg @ model.token_embed.weight.T + model.token_embed.bias
    tok = tok + model.spatial_pos_embed + model.temporal_pos_embed
    tok = tok.reshape(2, 80, 32)
    h = torch.stack([tok[i, ids_keep[i]] for i in range(2)])
    for blk in model.blocks:
        y = blk.norm1(h)
        q, k, v = (y @ blk.attn.qkv.weight.T + blk.attn.qkv.bias).chunk(3, -1)
        split = lambda t: t.reshape(2, 10, 4, 8).transpose(1, 2)  # noqa
        att = (split(q) @ split(k).transpose(-1, -2) / 8 ** .5).softmax(-1)
        o = (att @ split(v)).transpose(1, 2).reshape(2, 10, 32)
        h = h + blk.attn.proj(o)
        h = h + blk.mlp(blk.norm2(h))
    ref = model.norm(h)
    torch.testing.assert_close(out, ref, atol=1e-5, rtol=1e-5)
    # keeping every token reproduces the dense forward
    full = model(x).reshape(2, 80, 32)
    all_ids = torch.arange(80).expand(2, 80)
    torch.testing.assert_close(model(x, ids_keep=all_ids), full)


def test_other_lengths_interpolate_temporal_embedding():
    model = small()
    assert model(torch.randn(1, 1, 32, 20, 3)).shape == (1, 1, 8, 20, 32)
    emb = torch.randn(1, 4, 1, 32)
    assert interpolate_temporal_embed(emb, 4) is emb
    assert interpolate_temporal_embed(emb, 8).shape == (1, 8, 1, 32)


def test_bad_inputs():
    model = small()
    with pytest.raises(ValueError, match='V=20'):
        model(torch.randn(1, 1, 16, 25, 3))
    with pytest.raises(ValueError, match='multiple of segment_len'):
        model(torch.randn(1, 1, 18, 20, 3))
    with pytest.raises(ValueError, match='\\(N, M, T, V, C\\)'):
        model(torch.randn(1, 16, 20, 3))
    with pytest.raises(ValueError, match='frozen_stages'):
        small(frozen_stages=5)


def test_frozen_stages_get_no_gradient_and_stay_eval():
    model = small(frozen_stages=1, drop_rate=0.5)
    model.train()
    assert not model.blocks[0].training and model.blocks[1].training
    model(torch.randn(2, 1, 16, 20, 3)).sum().backward()
    assert model.token_embed.weight.grad is None
    assert model.spatial_pos_embed.grad is None
    assert all(p.grad is None for p in model.blocks[0].parameters())
    assert all(p.grad is not None for p in model.blocks[1].parameters())
    frozen = small(frozen_stages=2)
    assert not any(p.requires_grad for p in frozen.parameters())


def test_pretrained_loading_is_loud(tmp_path):
    src = small()
    ckpt = tmp_path / 'pre.pth'
    torch.save({'state_dict': {f'backbone.{k}': v for k, v in
                               src.state_dict().items()},
                'meta': {}}, ckpt)
    # right prefix: weights equal
    dst = small(init_cfg=dict(type='Pretrained', checkpoint=str(ckpt),
                              prefix='backbone.'))
    dst.init_weights()
    for k, v in src.state_dict().items():
        assert torch.equal(v, dst.state_dict()[k]), k
    # wrong prefix: nothing matches -> error
    bad = small(init_cfg=dict(type='Pretrained', checkpoint=str(ckpt),
                              prefix='target_encoder.'))
    with pytest.raises(KeyError, match='No key of checkpoint'):
        bad.init_weights()
    # a deeper model: missing keys -> error
    deeper = small(depth=3, init_cfg=dict(
        type='Pretrained', checkpoint=str(ckpt), prefix='backbone.'))
    with pytest.raises(KeyError, match='lacks 12 of the'):
        deeper.init_weights()
    # another T: the temporal embedding is interpolated on load
    longer = small(num_frames=32, init_cfg=dict(
        type='Pretrained', checkpoint=str(ckpt), prefix='backbone.'))
    longer.init_weights()
    assert longer.temporal_pos_embed.shape[1] == 8
    # empty checkpoint path -> explicit error
    empty = small(init_cfg=dict(type='Pretrained', checkpoint='',
                                prefix='backbone.'))
    with pytest.raises(ValueError, match='--pretrained'):
        empty.init_weights()
