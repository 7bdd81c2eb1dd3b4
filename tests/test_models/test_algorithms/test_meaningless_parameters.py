"""Parameters that leave a pretext task with nothing to learn are refused
with an error naming the parameter."""
import numpy as np
import pytest
import torch

from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample

from ._helpers import D, make_batch, tiny_decoder, tiny_transformer


def rec_head(weight):
    return dict(type='ReconstructionHead',
                loss=dict(type='MaskedMSELoss', loss_weight=weight))


def contrast_head(weight):
    return dict(type='ContrastiveHead',
                loss=dict(type='InfoNCELoss', temperature=0.07,
                          loss_weight=weight))


def nat_contrast(rec_weight, con_weight, queue_len=8):
    return dict(type='NATContrast', backbone=tiny_transformer(),
                neck=tiny_decoder(), head=rec_head(rec_weight),
                contrast_head=contrast_head(con_weight), queue_len=queue_len)


def jepa(weight):
    return dict(type='SJEPA', backbone=tiny_transformer(),
                neck=tiny_decoder(out_channels=D),
                head=dict(type='JEPAHead', embed_dims=D,
                          loss=dict(type='LatentCrossEntropyLoss',
                                    loss_weight=weight)))


def skeleton_mae(weight):
    return dict(type='SkeletonMAE',
                backbone=dict(type='STTFormer', len_parts=4,
                              config=[(8, 8, 4)], mask_token=True),
                decoder=dict(type='STTFormer', len_parts=4, in_channels=8,
                             embed_dims=8, depth=1),
                head=rec_head(weight))


@pytest.mark.parametrize('cfg,names', [
    (dict(type='MAMP', backbone=tiny_transformer(), neck=tiny_decoder(),
          head=rec_head(0.)), ['head.loss.loss_weight=0']),
    (dict(type='MAE', backbone=tiny_transformer(), neck=tiny_decoder(),
          head=rec_head(0.)), ['head.loss.loss_weight=0']),
    (nat_contrast(0., 0.), ['head.loss.loss_weight=0',
                            'contrast_head.loss.loss_weight=0']),
    (jepa(0.), ['head.loss.loss_weight=0']),
    (skeleton_mae(0.), ['head.loss.loss_weight=0']),
], ids=['MAMP', 'MAE', 'NATContrast', 'SJEPA', 'SkeletonMAE'])
def test_all_pretext_weights_zero_refused(cfg, names):
    with pytest.raises(ValueError, match='every pretext loss weight is 0') \
            as err:
        MODELS.build(cfg)
    assert all(n in str(err.value) for n in names)


def test_nat_contrast_one_term_may_be_off():
    MODELS.build(nat_contrast(1., 0.))  # reconstruction only
    MODELS.build(nat_contrast(0., 1e-4))  # contrast only


def test_distiller_zero_weight_refused():
    rec = dict(type='SkeletonRecognizer',
               backbone=dict(type='HCN', out_channels=8, window_size=16),
               cls_head=dict(type='ClsHead', in_channels=512, num_classes=3))
    with pytest.raises(ValueError, match='loss.loss_weight is 0'):
        MODELS.build(dict(type='Distiller', student=rec, teacher=rec,
                          loss=dict(type='SoftTargetCrossEntropyLoss',
                                    loss_weight=0.)))


def test_queue_smaller_than_batch_refused():
    torch.manual_seed(0)
    model = MODELS.build(nat_contrast(1., 1e-4, queue_len=2))
    model.init_weights()
    x, samples = make_batch()  # N = 3 keys per step
    with pytest.raises(ValueError, match='3 keys .* for a queue of '
                                         'queue_len=2'):
        model(x, samples, mode='loss')


def _without_masked_tokens(samples):
    """The data samples with every token visible (a mask_ratio=0
    pipeline)."""
    out = []
    for ds in samples:
        keep = torch.cat([ds.ids_keep, ds.ids_masked], dim=1)
        new = SkeletonDataSample()
        new.set_field(keep, 'ids_keep')
        new.set_field(keep[:, :0], 'ids_masked')
        new.set_field(torch.argsort(keep, dim=1), 'ids_restore')
        new.set_field(torch.zeros_like(ds.mask), 'mask')
        new.set_field(ds.target, 'target')
        out.append(new)
    return out


@pytest.mark.parametrize('cfg', [
    dict(type='MAMP', backbone=tiny_transformer(), neck=tiny_decoder()),
    jepa(1.)], ids=['MAMP', 'SJEPA'])
def test_masking_without_masked_tokens_refused(cfg):
    torch.manual_seed(0)
    model = MODELS.build(cfg)
    model.init_weights()
    x, samples = make_batch()
    with pytest.raises(ValueError, match='masks no token.*mask_ratio'):
        model(x, _without_masked_tokens(samples), mode='loss')


@pytest.mark.parametrize('loss_on', ['all', 'masked'])
@pytest.mark.parametrize('fill,match', [(False, 'masks no token'),
                                        (True, 'leaves no token visible')])
def test_skeleton_mae_empty_or_full_mask_refused(loss_on, fill, match):
    torch.manual_seed(0)
    cfg = skeleton_mae(1.)
    cfg['loss_on'] = loss_on
    model = MODELS.build(cfg)
    x = torch.from_numpy(np.random.default_rng(0).normal(
        size=(2, 2, 8, 25, 3)).astype(np.float32))
    samples = []
    for _ in range(2):
        ds = SkeletonDataSample()
        ds.set_field(torch.full((2, 8 * 25), fill), 'mask')
        samples.append(ds)
    with pytest.raises(ValueError, match=match):
        model(x, samples, mode='loss')
