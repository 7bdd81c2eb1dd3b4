import copy
import math

import pytest
import torch
from mmengine.logging import MessageHub
from torch import nn

from skelbench.models.utils.ema import CosineMomentumEMA


def _net():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.Linear(4, 2))


def _perturb(net, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in net.parameters():
            p.add_(torch.randn(p.shape, generator=g))


def test_cosine_schedule_values():
    ema = CosineMomentumEMA(_net(), 0.9999, 1.0, max_iters=100)
    assert ema.momentum_at(0) == pytest.approx(0.9999)
    assert ema.momentum_at(50) == pytest.approx(0.99995)
    assert ema.momentum_at(100) == pytest.approx(1.0)
    assert ema.momentum_at(500) == pytest.approx(1.0)
    k = 30
    ref = 1 - (1 - 0.9999) * (math.cos(math.pi * k / 100) + 1) / 2
    assert ema.momentum_at(k) == pytest.approx(ref)
    const = CosineMomentumEMA(_net(), 0.999, 0.999)
    assert const.momentum_at(12345) == 0.999


def test_max_iters_from_message_hub():
    hub = MessageHub.get_instance('test_ema_hub')
    hub.update_info('max_iters', 10)
    ema = CosineMomentumEMA(_net(), 0.9, 1.0)
    assert ema.get_max_iters() == 10
    assert ema.momentum_at(10) == pytest.approx(1.0)


def test_update_rule_and_buffers():
    net = _net()
    ema = CosineMomentumEMA(net, 0.9, 1.0, max_iters=4)
    old = {k: v.clone() for k, v in ema.module.state_dict().items()}
    _perturb(net, 1)
    net[1].running_mean.fill_(3.)
    ema.update_parameters(net)  # step 0: lambda = 0.9
    for k, p in net.named_parameters():
        ref = 0.9 * old[k] + 0.1 * p.detach()
        torch.testing.assert_close(ema.module.state_dict()[k], ref)
    # buffers copied, counter advanced, copy frozen
    assert torch.all(ema.module[1].running_mean == 3.)
    assert int(ema.steps) == 1
    assert not any(p.requires_grad for p in ema.module.parameters())
    lam1 = 1 - 0.1 * (math.cos(math.pi / 4) + 1) / 2
    assert ema.momentum == pytest.approx(lam1)


def test_resume_exact():
    net = _net()
    a = CosineMomentumEMA(net, 0.9, 1.0, max_iters=6)
    nets = []
    for i in range(5):
        _perturb(net, i)
        nets.append(copy.deepcopy(net))
    for n in nets:
        a.update_parameters(n)
    b = CosineMomentumEMA(_net(), 0.9, 1.0, max_iters=6)
    for n in nets[:2]:
        b.update_parameters(n)
    state = copy.deepcopy(b.state_dict())
    assert 'steps' in state
    c = CosineMomentumEMA(_net(), 0.9, 1.0, max_iters=6)
    c.load_state_dict(state)
    for n in nets[2:]:
        c.update_parameters(n)
    for k, v in a.state_dict().items():
        torch.testing.assert_close(c.state_dict()[k], v)


def test_sync_and_eval_mode():
    net = _net()
    ema = CosineMomentumEMA(net, 0.99, 1.0)
    _perturb(net, 3)
    ema.sync(net)
    for k, v in net.state_dict().items():
        torch.testing.assert_close(ema.module.state_dict()[k], v)
    ema.train()
    assert not ema.module.training
    with pytest.raises(ValueError):
        CosineMomentumEMA(net, 1.5)
