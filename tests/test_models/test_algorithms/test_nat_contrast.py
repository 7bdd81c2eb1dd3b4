import torch
import torch.nn.functional as F

from skelbench.registry import MODELS

from ._helpers import C, D, L_SEG, M, N, make_batch, stack, tiny_decoder, \
    tiny_transformer


def build():
    torch.manual_seed(0)
    model = MODELS.build(dict(
        type='NATContrast', backbone=tiny_transformer(),
        neck=tiny_decoder(),
        contrast_head=dict(type='ContrastiveHead',
                           loss=dict(type='InfoNCELoss', temperature=0.07,
                                     loss_weight=1e-4)),
        queue_len=8))
    model.init_weights()
    return model


def test_loss_equals_reference_and_queue():
    model = build()
    x, samples = make_batch(target=('joint', 'nat'))
    with torch.no_grad():
        for p in model.backbone.parameters():
            p.add_(0.05 * torch.randn_like(p))
    queue0 = model.queue.queue.clone()
    losses = model(x, samples, mode='loss')
    # reference, Gong et al. eqs. (9), (10)
    latent = model.backbone(x, stack(samples, 'ids_keep'))
    pred = model.neck(latent, stack(samples, 'ids_restore'))
    target = stack(samples, 'target').reshape(N * M, -1, L_SEG * C)
    mask = stack(samples, 'mask').float()
    l_r = ((((pred - target) ** 2).mean(-1)) * mask).sum() / mask.sum()
    q = latent.mean(1).reshape(N, M, D).mean(1)          # GAP(OE_mask)
    with torch.no_grad():
        k = model.momentum_backbone.module(x).mean(dim=(1, 2, 3))  # GAP(ME)
    qn, kn, nn_ = F.normalize(q, dim=1), F.normalize(k, dim=1), \
        F.normalize(queue0, dim=1)
    pos = torch.exp((qn * kn).sum(1) / 0.07)
    neg = torch.exp(qn @ nn_.t() / 0.07).sum(1)
    l_c = (-torch.log(pos / (pos + neg))).mean()
    torch.testing.assert_close(losses['loss_rec'], l_r)
    torch.testing.assert_close(losses['loss_con'], 1e-4 * l_c)
    # keys (normalised) enqueued, pointer moved
    torch.testing.assert_close(model.queue.queue[:N], kn)
    torch.testing.assert_close(model.queue.queue[N:], queue0[N:])
    assert int(model.queue.ptr) == N
    assert {'queue.queue', 'queue.ptr', 'momentum_backbone.steps'} <= set(
        model.state_dict())
    # backward works although the queue changed in place
    (losses['loss_rec'] + losses['loss_con']).backward()
    # momentum mu = 0.999
    old = {k: v.clone() for k, v in
           model.momentum_backbone.module.state_dict().items()}
    model.momentum_update()
    for name, v in model.backbone.state_dict().items():
        torch.testing.assert_close(
            model.momentum_backbone.module.state_dict()[name],
            0.999 * old[name] + 0.001 * v)
    # the online encoder is the downstream one
    torch.testing.assert_close(model.extract_feat(x),
                               model.backbone(x).mean(dim=(1, 2, 3)))


def test_eval_mode_does_not_enqueue():
    model = build().eval()
    x, samples = make_batch()
    before = model.queue.queue.clone()
    model(x, samples, mode='loss')
    torch.testing.assert_close(model.queue.queue, before)
