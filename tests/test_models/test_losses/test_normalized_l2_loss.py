"""BYOL's normalised L2 loss against a reference written from eq. 1."""
import math

import pytest
import torch

from skelbench.models.heads import LatentPredictHead
from skelbench.models.losses import NormalizedL2Loss


def reference_loss(p, z):
    """Eq. 1, sample by sample: || p / ||p|| - z / ||z|| ||^2, averaged."""
    total = 0.
    for pn, zn in zip(p.tolist(), z.tolist()):
        np_ = math.sqrt(sum(a * a for a in pn))
        nz = math.sqrt(sum(b * b for b in zn))
        total += sum((a / np_ - b / nz) ** 2 for a, b in zip(pn, zn))
    return total / len(p)


def test_matches_the_equation_and_two_minus_two_cos():
    g = torch.Generator().manual_seed(0)
    p, z = torch.randn(5, 7, generator=g), torch.randn(5, 7, generator=g)
    loss = NormalizedL2Loss()(p, z)
    assert loss.item() == pytest.approx(reference_loss(p, z), rel=1e-5)
    cos = torch.nn.functional.cosine_similarity(p, z, dim=1)
    assert loss.item() == pytest.approx((2 - 2 * cos).mean().item(),
                                        rel=1e-5)
    # scale invariant, 0 for aligned vectors, 4 for opposite ones
    assert NormalizedL2Loss()(3 * p, z).item() == pytest.approx(loss.item(),
                                                                rel=1e-5)
    assert NormalizedL2Loss()(p, 2 * p).item() == pytest.approx(0, abs=1e-6)
    assert NormalizedL2Loss()(p, -p).item() == pytest.approx(4, rel=1e-6)
    assert NormalizedL2Loss(loss_weight=2.)(p, z).item() == pytest.approx(
        2 * loss.item(), rel=1e-6)


def test_target_gets_no_gradient():
    p = torch.randn(4, 3, requires_grad=True)
    z = torch.randn(4, 3, requires_grad=True)
    NormalizedL2Loss()(p, z).backward()
    assert p.grad is not None and z.grad is None


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError, match='pred and target'):
        NormalizedL2Loss()(torch.randn(4, 3), torch.randn(4, 2))


def test_head_applies_the_predictor_then_the_loss():
    head = LatentPredictHead(predictor=dict(
        type='NonLinearNeck', in_channels=6, hid_channels=8,
        out_channels=6))
    head.eval()
    z, t = torch.randn(4, 6), torch.randn(4, 6)
    want = reference_loss(head.predictor(z).detach(), t)
    assert head.loss(z, t).item() == pytest.approx(want, rel=1e-5)
