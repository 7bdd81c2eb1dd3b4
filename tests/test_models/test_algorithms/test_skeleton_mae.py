import numpy as np
import pytest
import torch

from skelbench.datasets.transforms.masking import SpatioTemporalMasking
from skelbench.datasets.transforms.targets import GenerateReconstructionTarget
from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample

N, M, T, V, C = 2, 2, 8, 25, 3


def build(loss_on='all', **kwargs):
    torch.manual_seed(0)
    return MODELS.build(dict(
        type='SkeletonMAE', **kwargs,
        backbone=dict(type='STTFormer', layout='nturgb+d', len_parts=4,
                      config=[(8, 8, 4), (8, 16, 4)], mask_token=True),
        decoder=dict(type='STTFormer', layout='nturgb+d', len_parts=4,
                     in_channels=16, embed_dims=16, depth=1),
        loss_on=loss_on))


def make_batch():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(N, M, T, V, C)).astype(np.float32)
    t = SpatioTemporalMasking(frame_ratio=0.5, joint_ratio=0.5)
    samples = []
    for i in range(N):
        res = t(dict(keypoint=x[i], rng=np.random.default_rng(i)))
        ds = SkeletonDataSample()
        ds.set_field(torch.from_numpy(res['mask']), 'mask')
        samples.append(ds)
    return torch.from_numpy(x), samples


@pytest.mark.parametrize('loss_on', ['all', 'masked'])
def test_skeleton_mae_loss_equals_reference(loss_on):
    model = build(loss_on)
    model.train()
    x, samples = make_batch()
    mask = torch.cat([s.mask for s in samples]).reshape(N, M, T, V)
    losses = model(x, samples, mode='loss')
    # reference: encoder with mask tokens, decoder, 1x1 conv, MSE
    enc = model.backbone(x, mask)  # N, M, T', V', D
    z = enc.reshape(N * M, *enc.shape[2:]).permute(0, 3, 1, 2)
    out = model.recon(model.decoder.forward_tuples(z.contiguous()))
    rec = out.reshape(N * M, C, T // 4, 4, V).permute(0, 2, 3, 4, 1)
    rec = rec.reshape(N, M, T, V, C)
    err = ((rec - x) ** 2).mean(-1)  # N, M, T, V
    if loss_on == 'all':
        ref = err.mean()
    else:
        ref = (err * mask).sum() / mask.sum()
    torch.testing.assert_close(losses['loss_rec'], ref)
    assert 'feat_std' in losses
    assert model.extract_feat(x).shape == (N, 16)


def test_skeleton_mae_nat_target_equals_reference():
    """``target_key``: the pipeline's per-token NAT target, scattered back
    to (frame, joint) entries, against eq. 5 written on the entries."""
    model = build('masked', target_key='target')
    model.train()
    x, samples = make_batch()
    gen = GenerateReconstructionTarget(source='joint', norm='nat',
                                       segment_len=4)
    for i, ds in enumerate(samples):
        res = gen(dict(keypoint=x[i].numpy()))
        ds.set_field(torch.from_numpy(res['target']), 'target')
    mask = torch.cat([s.mask for s in samples]).reshape(N, M, T, V)
    losses = model(x, samples, mode='loss')
    # eq. 5: per tuple of 4 frames, joint and axis, (S - mean) / std
    seg = x.reshape(N, M, T // 4, 4, V, C)
    mean = seg.mean(3, keepdim=True)
    std = (seg.var(3, keepdim=True, unbiased=True) + 1e-6).sqrt()
    nat = ((seg - mean) / std).reshape(N, M, T, V, C)
    enc = model.backbone(x, mask)
    z = enc.reshape(N * M, *enc.shape[2:]).permute(0, 3, 1, 2)
    out = model.recon(model.decoder.forward_tuples(z.contiguous()))
    rec = out.reshape(N * M, C, T // 4, 4, V).permute(0, 2, 3, 4, 1)
    err = ((rec.reshape(N, M, T, V, C) - nat) ** 2).mean(-1)
    ref = (err * mask).sum() / mask.sum()
    torch.testing.assert_close(losses['loss_rec'], ref)


def test_skeleton_mae_target_key_errors():
    model = build('masked', target_key='target')
    x, samples = make_batch()
    with pytest.raises(KeyError, match='target'):
        model(x, samples, mode='loss')
    for ds in samples:  # segment of 3 frames does not tile T = 8
        ds.set_field(torch.zeros(M, 3, V, 3 * C), 'target')
    with pytest.raises(ValueError, match="'target' has shape"):
        model(x, samples, mode='loss')
    with pytest.raises(TypeError, match='target_key'):
        build(target_key=1)
