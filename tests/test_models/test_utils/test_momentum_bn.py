"""Momentum BatchNorm statistics (skeleton BYOL eq. 4)."""
import copy

import pytest
import torch
from torch import nn

from skelbench.models.utils import MomentumBatchNorm


def tiny_net():
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(3, 4, 1), nn.BatchNorm2d(4), nn.ReLU(),
                         nn.Flatten(2), nn.BatchNorm1d(4))


def batch_stats(x, dims):
    return x.mean(dims), x.var(dims, unbiased=True)


def test_update_follows_eq4():
    online = tiny_net().train()
    mbn = MomentumBatchNorm(online, momentum=0.8)
    assert mbn.layer_names == ['1', '4']
    xs = [torch.randn(6, 3, 5, 2) for _ in range(4)]
    expected = [(torch.zeros(4), torch.ones(4)) for _ in range(2)]
    for step, pair in enumerate((xs[:2], xs[2:])):
        with mbn.record(online):
            for x in pair:
                online(x)
        # the batch statistics of each BN layer's input, averaged over the
        # two forward passes
        got = []
        for x in pair:
            h1 = online[0](x)
            h2 = online[3](online[2](online[1](h1)))
            got.append((batch_stats(h1, (0, 2, 3)), batch_stats(h2, (0, 2))))
        a = 0. if step == 0 else 0.8  # the first update copies
        for layer in range(2):
            mu_b = sum(g[layer][0] for g in got) / 2
            var_b = sum(g[layer][1] for g in got) / 2
            mu, var = expected[layer]
            expected[layer] = (a * mu + (1 - a) * mu_b,
                               a * var + (1 - a) * var_b)
        mbn.step()
        for layer in range(2):
            mu, var = mbn.stats(layer)
            assert torch.allclose(mu, expected[layer][0], atol=1e-5)
            assert torch.allclose(var, expected[layer][1], atol=1e-5)
    assert int(mbn.num_updates) == 2


def test_eval_forward_is_not_recorded_and_empty_step_is_a_no_op():
    online = tiny_net().eval()
    mbn = MomentumBatchNorm(online)
    with mbn.record(online):
        online(torch.randn(2, 3, 5, 2))
    assert mbn.num_recorded == 0
    before = copy.deepcopy(mbn.state_dict())
    mbn.step()
    for k, v in mbn.state_dict().items():
        assert torch.equal(v, before[k])
    # hooks are removed after the block
    online.train()
    online(torch.randn(2, 3, 5, 2))
    assert mbn.num_recorded == 0


def test_load_into_the_target_and_state_dict():
    online = tiny_net().train()
    target = copy.deepcopy(online).eval()
    mbn = MomentumBatchNorm(online, momentum=0.5)
    with mbn.record(online):
        online(torch.randn(8, 3, 5, 2) * 3 + 1)
    mbn.step()
    mbn.load_into(target)
    for i, name in enumerate(mbn.layer_names):
        bn = dict(target.named_modules())[name]
        assert torch.equal(bn.running_mean, mbn.stats(i)[0])
        assert torch.equal(bn.running_var, mbn.stats(i)[1])
    keys = set(mbn.state_dict())
    assert keys == {'mean_0', 'var_0', 'mean_1', 'var_1', 'num_updates'}
    fresh = MomentumBatchNorm(tiny_net())
    fresh.load_state_dict(mbn.state_dict())
    for k, v in fresh.state_dict().items():
        assert torch.equal(v, mbn.state_dict()[k])


def test_partial_record_and_bad_input_are_errors():
    online = tiny_net().train()
    mbn = MomentumBatchNorm(online)
    with mbn.record(online):
        online[1](torch.randn(2, 4, 5, 2))  # only the first BN layer
    with pytest.raises(RuntimeError, match="BN layers \\['4'\\]"):
        mbn.step()
    with pytest.raises(ValueError, match='no BatchNorm'):
        MomentumBatchNorm(nn.Linear(2, 2))
    with pytest.raises(ValueError, match='alpha'):
        MomentumBatchNorm(online, momentum=1.5)


def test_momentum_given_per_step():
    online = tiny_net().train()
    mbn = MomentumBatchNorm(online, momentum=None)
    for _ in range(2):
        with mbn.record(online):
            online(torch.randn(6, 3, 5, 2))
        prev = mbn.stats(0)[0].clone()
        if int(mbn.num_updates) == 0:
            with pytest.raises(ValueError, match='no momentum'):
                mbn.step()
            with mbn.record(online):
                online(torch.randn(6, 3, 5, 2))
            mbn.step(0.99)  # the first update copies whatever alpha
            continue
        batch_mu = mbn._sums[0][0] / mbn._sums[0][2]
        mbn.step(0.25)
        assert torch.allclose(mbn.stats(0)[0],
                              0.25 * prev + 0.75 * batch_mu, atol=1e-6)
