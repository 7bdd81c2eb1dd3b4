import pytest
import torch
import torch.nn.functional as F

from skelbench.registry import MODELS

from ._helpers import D, M, N, make_batch, stack, tiny_decoder, \
    tiny_transformer


def build(**kw):
    torch.manual_seed(0)
    cfg = dict(type='SJEPA', backbone=tiny_transformer(),
               neck=tiny_decoder(out_channels=D, depth=2),
               head=dict(type='JEPAHead', embed_dims=D, center_momentum=0.9,
                         loss=dict(type='LatentCrossEntropyLoss', tau_p=0.1,
                                   tau_t=0.06)),
               base_momentum=0.9, end_momentum=1.0)
    cfg.update(kw)
    model = MODELS.build(cfg)
    model.init_weights()
    return model


def gather(t, ids):
    return torch.gather(t, 1, ids.unsqueeze(-1).expand(-1, -1, t.shape[-1]))


def reference(model, y, y_v, samples, center):
    """S-JEPA eq. (3) + CE, written from the paper."""
    ids_keep = stack(samples, 'ids_keep')
    ids_masked = stack(samples, 'ids_masked')
    with torch.no_grad():
        f_t = model.target_backbone.module(y).reshape(N * M, -1, D)
    r_t = gather(f_t, ids_masked)
    f_v = model.backbone(y_v, ids_keep)
    r_p = gather(model.neck(f_v, stack(samples, 'ids_restore')), ids_masked)
    c = 0.9 * center + 0.1 * r_t.reshape(-1, D).mean(0, keepdim=True)
    p2 = F.softmax((r_t - c) / 0.06, dim=-1)
    logp1 = F.log_softmax(r_p / 0.1, dim=-1)
    return (-(p2 * logp1).sum(-1)).mean(), c


def test_sjepa_loss_center_and_ema():
    model = build()
    y, samples = make_batch()
    y_v = y.flip(-1)  # any transformed view
    # target == view encoder at init (synced after init_weights)
    for (k, p), q in zip(model.backbone.state_dict().items(),
                         model.target_backbone.module.state_dict().values()):
        torch.testing.assert_close(p, q)
    with torch.no_grad():  # make the two encoders differ
        for p in model.backbone.parameters():
            p.add_(0.05 * torch.randn_like(p))
    ref, c_ref = reference(model, y, y_v, samples, torch.zeros(1, D))
    losses = model([y, y_v], samples, mode='loss')
    torch.testing.assert_close(losses['loss_jepa'], ref)
    torch.testing.assert_close(model.head.center, c_ref)
    # second step: the centre keeps its running average
    ref2, c_ref2 = reference(model, y, y_v, samples, c_ref)
    losses2 = model([y, y_v], samples, mode='loss')
    torch.testing.assert_close(losses2['loss_jepa'], ref2)
    torch.testing.assert_close(model.head.center, c_ref2)
    state = model.state_dict()
    assert 'head.center' in state and 'target_backbone.steps' in state
    # gradients reach the view encoder and predictor, not the target
    losses2['loss_jepa'].backward()
    assert model.backbone.token_embed.weight.grad is not None
    assert model.neck.mask_token.grad is not None
    assert all(p.grad is None
               for p in model.target_backbone.parameters())
    # EMA: theta_bar <- lambda theta_bar + (1 - lambda) theta
    old = {k: v.clone() for k, v in
           model.target_backbone.module.state_dict().items()}
    lam = model.target_backbone.momentum
    assert lam == pytest.approx(0.9)  # no max_iters: base momentum
    model.momentum_update()
    for k, v in model.backbone.state_dict().items():
        torch.testing.assert_close(
            model.target_backbone.module.state_dict()[k],
            lam * old[k] + (1 - lam) * v)
    # downstream features come from the target encoder
    feat = model.extract_feat(y)
    exp = model.target_backbone.module(y).mean(dim=(1, 2, 3))
    torch.testing.assert_close(feat, exp)


def test_sjepa_center_resume_exact():
    a = build()
    y, samples = make_batch()
    a([y, y], samples, mode='loss')
    b = build()
    b.load_state_dict(a.state_dict())
    la = a([y, y], samples, mode='loss')['loss_jepa']
    lb = b([y, y], samples, mode='loss')['loss_jepa']
    torch.testing.assert_close(la, lb)
    torch.testing.assert_close(a.head.center, b.head.center)


def test_sjepa_ablations():
    y, samples = make_batch()
    m = build(target_input='masked')
    out = m(y, samples, mode='loss')  # single view: y_v = y
    assert torch.isfinite(out['loss_jepa'])
    m = build(head=dict(type='JEPAHead', embed_dims=D, centering=False,
                        loss=dict(type='LatentMSELoss')))
    out = m(y, samples, mode='loss')
    ids_masked = stack(samples, 'ids_masked')
    with torch.no_grad():
        f_t = m.target_backbone.module(y).reshape(N * M, -1, D)
    r_p = gather(m.neck(m.backbone(y, stack(samples, 'ids_keep')),
                        stack(samples, 'ids_restore')), ids_masked)
    torch.testing.assert_close(out['loss_jepa'],
                               F.mse_loss(r_p, gather(f_t, ids_masked)))
    assert torch.all(m.head.center == 0)
    with pytest.raises(ValueError):
        build(target_input='bad')


def test_sjepa_sequence_centering_reference():
    """``sequence_centering``: each sequence's mean target is removed before
    the batch centring (eq. 3) and the softmax."""
    model = build(head=dict(type='JEPAHead', embed_dims=D,
                            center_momentum=0.9, sequence_centering=True,
                            loss=dict(type='LatentCrossEntropyLoss',
                                      tau_p=0.1, tau_t=0.06)))
    y, samples = make_batch()
    with torch.no_grad():
        for p in model.backbone.parameters():
            p.add_(0.05 * torch.randn_like(p))
    ids_masked = stack(samples, 'ids_masked')
    with torch.no_grad():
        f_t = model.target_backbone.module(y).reshape(N * M, -1, D)
    r_t = gather(f_t, ids_masked)
    r_t = r_t - r_t.mean(1, keepdim=True)
    c = 0.1 * r_t.reshape(-1, D).mean(0, keepdim=True)
    r_p = gather(model.neck(model.backbone(y, stack(samples, 'ids_keep')),
                            stack(samples, 'ids_restore')), ids_masked)
    ref = (-(F.softmax((r_t - c) / 0.06, -1)
             * F.log_softmax(r_p / 0.1, -1)).sum(-1)).mean()
    out = model([y, y], samples, mode='loss')
    torch.testing.assert_close(out['loss_jepa'], ref)
    torch.testing.assert_close(model.head.center, c)
    # the same targets without the option give another loss
    plain = build()
    plain.load_state_dict(model.state_dict(), strict=False)
    plain.head.center.zero_()
    assert not torch.allclose(plain([y, y], samples, mode='loss')['loss_jepa'],
                              ref)


def test_code_share():
    from skelbench.models.heads.jepa_head import code_share
    # sequence 0: codes 2, 2, 1 (2/3 share the mode); sequence 1: 0, 0, 0
    t = torch.zeros(2, 3, 4)
    t[0, 0, 2] = t[0, 1, 2] = t[0, 2, 1] = 1.
    t[1, :, 0] = 1.
    assert float(code_share(t)) == pytest.approx((2 / 3 + 1) / 2)
    model = build()
    y, samples = make_batch()
    out = model([y, y], samples, mode='loss')
    assert 0 < float(out['target_code_share']) <= 1
