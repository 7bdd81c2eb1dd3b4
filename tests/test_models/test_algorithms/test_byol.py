"""Skeleton BYOL: symmetric loss, EMA target and momentum BN."""
import copy

import pytest
import torch
from mmengine.logging import MessageHub

from skelbench.registry import MODELS

N, M, T, V = 4, 2, 8, 25


def build(**kw):
    torch.manual_seed(0)
    cfg = dict(
        type='SkeletonBYOL',
        backbone=dict(type='STGCN', in_channels=6, layout='nturgb+d',
                      num_persons=M, width=0.125),
        neck=dict(type='NonLinearNeck', in_channels=32, hid_channels=16,
                  out_channels=8, with_pool=True),
        head=dict(type='LatentPredictHead',
                  predictor=dict(type='NonLinearNeck', in_channels=8,
                                 hid_channels=16, out_channels=8)),
        base_momentum=0.99, end_momentum=1.0)
    cfg.update(kw)
    model = MODELS.build(cfg)
    model.init_weights()
    return model.train()


def views(seed=0):
    g = torch.Generator().manual_seed(seed)
    return [torch.randn(N, M, T, V, 6, generator=g),
            torch.randn(N, M, T, V, 6, generator=g) * 2]


def eq1(p, z):
    """|| p / ||p|| - z / ||z|| ||^2, mean over the batch (eq. 1)."""
    p = p / p.norm(dim=1, keepdim=True)
    z = z / z.norm(dim=1, keepdim=True)
    return ((p - z) ** 2).sum(1).mean()


@pytest.mark.parametrize('target_bn', ['momentum', 'batch'])
def test_symmetric_loss_matches_eqs_1_and_2(target_bn):
    model = build(target_bn=target_bn)
    # non-trivial momentum BN statistics
    with torch.no_grad():
        model.loss(views(1), None)
        model.momentum_update()
    v1, v2 = views()
    ref_model = copy.deepcopy(model)
    out = model.loss([v1, v2], None)
    with torch.no_grad():
        online = torch.nn.Sequential(ref_model.backbone, ref_model.neck)
        q = ref_model.head.predictor
        z1, z2 = online(v1), online(v2)
        target = ref_model.target_net.module
        if target_bn == 'momentum':
            ref_model.momentum_bn.load_into(target)
            target.eval()
        else:
            target.train()
        t1, t2 = target(v1), target(v2)
        want = eq1(q(z1), t2) + eq1(q(z2), t1)
    assert out['loss_byol'].item() == pytest.approx(want.item(), rel=1e-4)
    # the target gets no gradient, the online network and predictor do
    out['loss_byol'].backward()
    assert all(p.grad is None for p in model.target_net.parameters())
    assert model.backbone.blocks[0].gcn.weight.grad is not None
    assert model.head.predictor.mlp[0].weight.grad is not None


def test_single_tensor_is_used_for_both_views():
    model = build()
    v1, _ = views()
    a = model.loss(v1, None)['loss_byol']
    assert torch.isfinite(a)
    with pytest.raises(ValueError, match='2 views'):
        model.loss([v1, v1, v1], None)
    with pytest.raises(ValueError, match='target_bn'):
        build(target_bn='sync')


def test_ema_and_momentum_bn_updates():
    MessageHub.get_current_instance().update_info('max_iters', 10)
    model = build(bn_momentum=0.7)
    online = model.online_net()
    theta_before = {k: v.clone() for k, v in
                    model.target_net.module.named_parameters()}
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    out = model.loss(views(), None)
    opt.zero_grad()
    out['loss_byol'].backward()
    opt.step()
    mu_before = [s[0].clone() for s in map(model.momentum_bn.stats,
                                           range(2))]
    lam = model.target_net.momentum
    assert lam == pytest.approx(0.99)
    model.momentum_update()
    # eq. 3: xi <- lambda xi + (1 - lambda) theta
    for k, xi in model.target_net.module.named_parameters():
        theta = dict(online.named_parameters())[k]
        assert torch.allclose(xi, lam * theta_before[k] + (1 - lam) * theta,
                              atol=1e-6), k
    assert int(model.target_net.steps) == 1
    # the first momentum-BN update copies the online batch statistics
    assert int(model.momentum_bn.num_updates) == 1
    assert not torch.equal(model.momentum_bn.stats(0)[0], mu_before[0])
    # the target forward normalises with them (eval mode)
    with torch.no_grad():
        model.target_projections(views())
    bn = dict(model.target_net.module.named_modules())[
        model.momentum_bn.layer_names[0]]
    assert torch.equal(bn.running_mean, model.momentum_bn.stats(0)[0])
    assert not bn.training
    # the lambda schedule is cosine from 0.99 to 1
    assert model.target_net.momentum_at(10) == pytest.approx(1.0)
    assert model.target_net.momentum_at(5) == pytest.approx(0.995)


def test_downstream_features_are_the_online_encoders():
    model = build().eval()
    v1, _ = views()
    feat = model(v1, mode='tensor')
    with torch.no_grad():
        want = model.backbone(v1).mean(dim=(1, 2, 3))
    assert feat.shape == (N, 32)
    assert torch.allclose(feat, want, atol=1e-6)


def test_momentum_bn_follows_lambda_by_default():
    MessageHub.get_current_instance().update_info('max_iters', 4)
    model = build()
    assert model.momentum_bn.momentum is None
    for it in range(2):
        prev = model.momentum_bn.stats(1)[0].clone()
        model.loss(views(it), None)
        acc = model.momentum_bn._sums[1]
        batch_mu = acc[0] / acc[2]
        lam = model.target_net.momentum
        model.momentum_update()
        a = 0. if it == 0 else lam
        assert torch.allclose(model.momentum_bn.stats(1)[0],
                              a * prev + (1 - a) * batch_mu, atol=1e-5)
