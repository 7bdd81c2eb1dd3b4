"""SoftTargetCrossEntropyLoss against eq. 6 of Moliner et al. (and the
tau ** 2 factor of Hinton et al.), written out independently."""
import math

import pytest
import torch

from skelbench.models.losses import SoftTargetCrossEntropyLoss
from skelbench.registry import MODELS


def reference_loss(zs, zt, tau, tau_squared):
    """-1/N sum_n sum_c softmax(zt/tau)_nc log softmax(zs/tau)_nc, with
    explicit sums over samples and classes (times tau ** 2 on request)."""
    total = 0.
    for s, t in zip(zs.tolist(), zt.tolist()):
        et = [math.exp(v / tau) for v in t]
        pt = [v / sum(et) for v in et]
        ls = [v / tau for v in s]
        m = max(ls)
        log_z = m + math.log(sum(math.exp(v - m) for v in ls))
        total -= sum(p * (v - log_z) for p, v in zip(pt, ls))
    return total / len(zs) * (tau**2 if tau_squared else 1.)


def logits(seed=0, n=6, c=5):
    g = torch.Generator().manual_seed(seed)
    return (torch.randn(n, c, generator=g) * 3,
            torch.randn(n, c, generator=g) * 3)


@pytest.mark.parametrize('tau_squared', [True, False])
@pytest.mark.parametrize('tau', [1.0, 4.0])
def test_equals_the_equation(tau, tau_squared):
    zs, zt = logits()
    loss = SoftTargetCrossEntropyLoss(tau=tau, tau_squared=tau_squared)
    assert loss(zs, zt).item() == pytest.approx(
        reference_loss(zs, zt, tau, tau_squared), rel=1e-5)


def test_tau_1_is_eq_6_with_or_without_the_factor():
    zs, zt = logits(1)
    with_factor = SoftTargetCrossEntropyLoss(tau=1.)(zs, zt)
    without = SoftTargetCrossEntropyLoss(tau=1., tau_squared=False)(zs, zt)
    assert with_factor.item() == pytest.approx(without.item(), rel=1e-7)
    # the default built from the registry is eq. 6 at tau = 1 (BYOL)
    default = MODELS.build(dict(type='SoftTargetCrossEntropyLoss'))
    assert default.tau == 1. and default.tau_squared
    assert default(zs, zt).item() == pytest.approx(
        reference_loss(zs, zt, 1., False), rel=1e-5)


@pytest.mark.parametrize('tau', [1.0, 4.0])
def test_gradient_is_the_softmax_difference(tau):
    """dL/dz_s = s / (N tau) (softmax(z_s / tau) - softmax(z_t / tau)); no
    gradient reaches the teacher."""
    zs, zt = logits(2)
    zs.requires_grad_(True)
    zt.requires_grad_(True)
    loss_fn = SoftTargetCrossEntropyLoss(tau=tau, loss_weight=0.5)
    loss_fn(zs, zt).backward()
    scale = 0.5 * tau**2
    expected = scale / (len(zs) * tau) * (
        torch.softmax(zs.detach() / tau, 1) - torch.softmax(zt.detach() / tau,
                                                            1))
    torch.testing.assert_close(zs.grad, expected, rtol=1e-5, atol=1e-7)
    assert zt.grad is None


def test_minimum_is_the_teachers_entropy():
    zs, zt = logits(3)
    fn = SoftTargetCrossEntropyLoss(tau=2., tau_squared=False)
    p = torch.softmax(zt / 2., 1)
    entropy = -(p * p.log()).sum(1).mean()
    assert fn(zt, zt).item() == pytest.approx(entropy.item(), rel=1e-5)
    assert fn(zs, zt).item() > fn(zt, zt).item()


def test_float32_under_autocast():
    zs, zt = logits(4)
    fn = SoftTargetCrossEntropyLoss(tau=4.)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        out = fn(zs.bfloat16(), zt.bfloat16())
    assert out.dtype == torch.float32
    assert out.item() == pytest.approx(
        reference_loss(zs.bfloat16().float(), zt.bfloat16().float(), 4.,
                       True), rel=1e-5)


def test_errors():
    with pytest.raises(ValueError, match='tau must be > 0'):
        SoftTargetCrossEntropyLoss(tau=float('nan'))
    with pytest.raises(ValueError, match='differ in shape'):
        SoftTargetCrossEntropyLoss()(torch.zeros(2, 3), torch.zeros(2, 4))
    with pytest.raises(ValueError, match=r'\(N, C\)'):
        SoftTargetCrossEntropyLoss()(torch.zeros(3), torch.zeros(3))
