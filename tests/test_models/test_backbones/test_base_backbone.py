"""The input check shared by every backbone (``BaseBackbone.check_input``)."""
import pytest
import torch

from skelbench.registry import MODELS

BACKBONES = [
    dict(type='STGCN', width=0.25),
    dict(type='AGCN', base_channels=8),
    dict(type='BiGRU', hidden_size=8, num_layers=1),
    dict(type='HCN', out_channels=8, window_size=16),
    dict(type='SkeletonTransformer', num_joints=25, num_frames=8,
         embed_dims=8, depth=1, num_heads=2),
    dict(type='STTFormer', embed_dims=8, depth=1, num_heads=2),
]


def _ids(cfg):
    return cfg['type']


@pytest.mark.parametrize('cfg', BACKBONES, ids=_ids)
def test_refuses_other_than_five_dims(cfg):
    model = MODELS.build(cfg)
    with pytest.raises(ValueError) as err:
        model(torch.zeros(2, 24, 25, 3))
    msg = str(err.value)
    assert msg.startswith(cfg['type'] + ' ')
    assert '(N, M, T, V, C)' in msg and '(2, 24, 25, 3)' in msg


@pytest.mark.parametrize('cfg', BACKBONES, ids=_ids)
@pytest.mark.parametrize('shape', [(1, 2, 24, 20, 3), (1, 2, 24, 25, 6)])
def test_refuses_other_joints_or_channels(cfg, shape):
    model = MODELS.build(cfg)
    with pytest.raises(ValueError) as err:
        model(torch.zeros(shape))
    msg = str(err.value)
    assert cfg['type'] in msg and '(N, M, T, V, C)' in msg
    assert 'V=25, C=3' in msg and str(shape) in msg


def test_bigru_refuses_more_actors_than_slots():
    model = MODELS.build(BACKBONES[2])
    with pytest.raises(ValueError, match=r'M<=2; got input shape '
                                         r'\(1, 3, 8, 25, 3\)'):
        model(torch.zeros(1, 3, 8, 25, 3))


@pytest.mark.parametrize('cfg,param', [(BACKBONES[4], 'segment_len=4'),
                                       (BACKBONES[5], 'len_parts=6')],
                         ids=['SkeletonTransformer', 'STTFormer'])
def test_refuses_clip_not_multiple_of_segment(cfg, param):
    model = MODELS.build(cfg)
    with pytest.raises(ValueError, match=f'T a multiple of {param}; got '
                                         'T=9'):
        model(torch.zeros(1, 2, 9, 25, 3))


@pytest.mark.parametrize('cfg', BACKBONES, ids=_ids)
def test_accepts_valid_input(cfg):
    model = MODELS.build(cfg).eval()
    T = 48 if cfg['type'] == 'HCN' else 24
    with torch.no_grad():
        out = model(torch.randn(1, 2, T, 25, 3))
    assert out.dim() == 5 and out.shape[0] == 1
