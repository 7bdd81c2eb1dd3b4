import torch

from skelbench.registry import MODELS

from ...conftest import load_tool
from ._helpers import D, tiny_decoder, tiny_transformer


def _tool():
    return load_tool('model_converters/extract_backbone.py')


def test_extract_target_encoder_loadable(tmp_path):
    torch.manual_seed(0)
    model = MODELS.build(dict(
        type='SJEPA', backbone=tiny_transformer(),
        neck=tiny_decoder(out_channels=D),
        head=dict(type='JEPAHead', embed_dims=D)))
    with torch.no_grad():
        for p in model.target_backbone.parameters():
            p.add_(1.)
    src = tmp_path / 'epoch_1.pth'
    torch.save(dict(state_dict=model.state_dict()), src)
    dst = tmp_path / 'backbone.pth'
    _tool().main([str(src), str(dst)])
    out = torch.load(dst)['state_dict']
    assert all(k.startswith('backbone.') for k in out)
    backbone = MODELS.build(dict(
        tiny_transformer(),
        init_cfg=dict(type='Pretrained', checkpoint=str(dst),
                      prefix='backbone.')))
    backbone.init_weights()
    for k, v in model.target_backbone.module.state_dict().items():
        torch.testing.assert_close(backbone.state_dict()[k], v)
    # online encoder on request / for the other methods
    online = _tool().extract(model.state_dict(), 'online')
    torch.testing.assert_close(online['backbone.token_embed.weight'],
                               model.backbone.token_embed.weight)
