import torch

from skelbench.registry import MODELS

from ._helpers import (D, L_SEG, M, N, T, V, C, make_batch, stack,
                       tiny_decoder, tiny_transformer)


def build(type='MAMP'):
    torch.manual_seed(0)
    return MODELS.build(dict(type=type, backbone=tiny_transformer(),
                             neck=tiny_decoder()))


def test_mamp_loss_equals_reference():
    model = build()
    x, samples = make_batch()
    losses = model(x, samples, mode='loss')
    assert set(losses) == {'loss_rec', 'feat_std'}
    # independent reference (methods.md 1.3): masked MSE over masked tokens
    ids_keep = stack(samples, 'ids_keep')
    latent = model.backbone(x, ids_keep)
    assert latent.shape == (N * M, ids_keep.shape[1], D)
    pred = model.neck(latent, stack(samples, 'ids_restore'))
    target = stack(samples, 'target').reshape(N * M, -1, L_SEG * C)
    mask = stack(samples, 'mask').float()
    per_token = ((pred - target) ** 2).mean(-1)
    ref = (per_token * mask).sum() / mask.sum()
    torch.testing.assert_close(losses['loss_rec'], ref)
    # the diagnostic is logged, not optimised
    assert not losses['feat_std'].requires_grad
    losses['loss_rec'].backward()
    assert model.backbone.token_embed.weight.grad is not None


def test_decoder_places_mask_tokens():
    torch.manual_seed(0)
    dec = MODELS.build(tiny_decoder(out_channels=None, depth=0))
    dec.norm = torch.nn.Identity()
    B, Lt = 2, (T // L_SEG) * V
    ids_shuffle = torch.stack([torch.randperm(Lt) for _ in range(B)])
    K = 3
    ids_restore = ids_shuffle.argsort(1)
    vis = torch.randn(B, K, D)
    out = dec(vis, ids_restore)
    pos = (dec.spatial_pos_embed + dec.temporal_pos_embed).reshape(Lt, D)
    emb = dec.decoder_embed(vis)
    for b in range(B):
        for j in range(Lt):
            rank = int(ids_restore[b, j])
            exp = emb[b, rank] if rank < K else dec.mask_token[0, 0]
            torch.testing.assert_close(out[b, j], exp + pos[j])


def test_modes_and_mae():
    model = build('MAE')
    x, samples = make_batch(target=('joint', 'segment'))
    assert model(x, mode='tensor').shape == (N, D)
    preds = model(x, samples, mode='predict')
    assert preds[0].feat.shape == (D, )
    assert torch.isfinite(model(x, samples, mode='loss')['loss_rec'])


def test_extract_feat_valid_actor_pooling():
    """``pool.person_pool='valid_mean'`` leaves zero-padded actors out of
    the pooled feature; the default ``'mean'`` (MAMP) keeps them."""
    torch.manual_seed(0)
    model = MODELS.build(dict(
        type='MAMP', backbone=tiny_transformer(), neck=tiny_decoder(),
        pool=dict(type='SkeletonGlobalPool', person_pool='valid_mean')))
    model.eval()
    x, _ = make_batch()
    x[0, 1] = 0  # sample 0: second actor is padding
    feats = model.extract_feat(x)
    tokens = model.backbone(x)  # N, M, T', V, D
    torch.testing.assert_close(feats[0], tokens[0, 0].mean((0, 1)))
    torch.testing.assert_close(feats[1], tokens[1].mean((0, 1, 2)))
    model.pool.person_pool = 'mean'
    torch.testing.assert_close(model.extract_feat(x)[0],
                               tokens[0].mean((0, 1, 2)))
