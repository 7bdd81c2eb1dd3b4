import pytest
import torch
from torch import nn

from skelbench.engine.optimizers import (LayerDecayOptimWrapperConstructor,
                                         param_lr_scales)
from skelbench.models.backbones import SkeletonTransformer


class FineTuneModel(nn.Module):
    def __init__(self, depth=8):
        super().__init__()
        self.backbone = SkeletonTransformer(
            num_joints=25, num_frames=16, segment_len=4, embed_dims=32,
            depth=depth, num_heads=2)
        self.head = nn.Sequential(nn.Linear(32, 16), nn.BatchNorm1d(16),
                                  nn.ReLU(), nn.Linear(16, 5))


def build(model, rate=0.8, lr=3e-4):
    constructor = LayerDecayOptimWrapperConstructor(
        dict(optimizer=dict(type='AdamW', lr=lr, weight_decay=0.05)),
        dict(layer_decay_rate=rate))
    return constructor(model)


def expected_scale(name, rate=0.8, layers=8):
    """The BEiT / MAMP rule, written from the reference: embeddings and
    position parameters 0, block i -> i + 1, final norm and head L + 1."""
    if name.startswith('backbone.blocks.'):
        depth = int(name.split('.')[2]) + 1
    elif name.startswith('backbone.norm.') or name.startswith('head.'):
        depth = layers + 1
    else:
        depth = 0
    return rate ** (layers + 1 - depth)


def test_every_parameter_scale_8_layers():
    model = FineTuneModel(depth=8)
    wrapper = build(model)
    scales = param_lr_scales(wrapper.optimizer,
                             [n for n, _ in model.named_parameters()])
    listed = {n: expected_scale(n) for n, _ in model.named_parameters()}
    assert scales.keys() == listed.keys()
    for name in listed:
        assert scales[name] == pytest.approx(listed[name]), name
    # spot values: embedding 0.8 ** 9, block 0 0.8 ** 8, block 7 0.8, head 1
    assert scales['backbone.token_embed.weight'] == pytest.approx(0.8 ** 9)
    assert scales['backbone.spatial_pos_embed'] == pytest.approx(0.8 ** 9)
    assert scales['backbone.blocks.0.attn.qkv.weight'] == pytest.approx(
        0.8 ** 8)
    assert scales['backbone.blocks.7.mlp.3.weight'] == pytest.approx(0.8)
    assert scales['backbone.norm.weight'] == 1.0
    assert scales['head.3.weight'] == 1.0
    for group in wrapper.optimizer.param_groups:
        assert group['lr'] == pytest.approx(3e-4 * group['lr_scale'])


def test_weight_decay_exemptions_and_frozen():
    model = FineTuneModel(depth=2)
    model.backbone.blocks[0].norm1.weight.requires_grad_(False)
    wrapper = build(model)
    wd = {}
    for group in wrapper.optimizer.param_groups:
        for name in group['param_names']:
            wd[name] = group['weight_decay']
    assert 'backbone.blocks.0.norm1.weight' not in wd
    assert wd['backbone.blocks.0.attn.qkv.weight'] == 0.05
    assert wd['backbone.blocks.0.attn.qkv.bias'] == 0.
    assert wd['backbone.temporal_pos_embed'] == 0.
    assert wd['backbone.norm.weight'] == 0.
    assert wd['head.0.weight'] == 0.05


def test_rate_one_is_plain_lr_and_a_step_runs():
    model = FineTuneModel(depth=2)
    wrapper = build(model, rate=1.0)
    assert {g['lr'] for g in wrapper.optimizer.param_groups} == {3e-4}
    x = torch.randn(4, 1, 16, 25, 3)
    feat = model.backbone(x).mean(dim=(1, 2, 3))
    wrapper.update_params(model.head(feat).logsumexp(1).mean())


def test_errors():
    with pytest.raises(ValueError, match='layer_decay_rate is required'):
        LayerDecayOptimWrapperConstructor(
            dict(optimizer=dict(type='AdamW', lr=1e-3)), {})
    with pytest.raises(ValueError, match=r'in \(0, 1\]'):
        LayerDecayOptimWrapperConstructor(
            dict(optimizer=dict(type='AdamW', lr=1e-3)),
            dict(layer_decay_rate=1.5))
    with pytest.raises(ValueError, match='unknown paramwise_cfg keys'):
        LayerDecayOptimWrapperConstructor(
            dict(optimizer=dict(type='AdamW', lr=1e-3)),
            dict(layer_decay_rate=0.8, bias_decay_mult=0.))
    with pytest.raises(ValueError, match='set paramwise_cfg.num_layers'):
        build(nn.Sequential(nn.Linear(2, 2)))
