import logging

import pytest
import torch
from torch import nn

import skelbench.checkpoint.pretrained as pretrained
from skelbench.checkpoint import load_pretrained_weights


class Encoder(nn.Module):

    def __init__(self, depth=2):
        super().__init__()
        self.blocks = nn.ModuleList(nn.Linear(3, 3) for _ in range(depth))


@pytest.fixture
def logs(monkeypatch):
    records = []
    monkeypatch.setattr(pretrained, 'print_log',
                        lambda msg, logger=None, level=logging.INFO:
                        records.append((level, msg)))
    return records


def _save(tmp_path, module, prefix='backbone.', name='ckpt.pth'):
    path = tmp_path / name
    torch.save({'state_dict': {prefix + k: v for k, v in
                               module.state_dict().items()}}, path)
    return str(path)


def test_unused_encoder_keys_are_a_warning_with_counts(tmp_path, logs):
    deeper = Encoder(depth=3)
    path = _save(tmp_path, deeper)
    target = Encoder(depth=2)
    out = load_pretrained_weights(target, path, prefix='backbone.')
    assert out['unexpected'] == ['blocks.2.bias', 'blocks.2.weight']
    warnings = [m for level, m in logs if level == logging.WARNING]
    assert len(warnings) == 1
    assert '2 of the 6 encoder keys' in warnings[0]
    assert 'blocks.2.weight' in warnings[0]
    info = [m for level, m in logs if level == logging.INFO]
    assert "used 4 of the checkpoint's 6 encoder keys" in info[0]
    torch.testing.assert_close(target.blocks[1].weight,
                               deeper.blocks[1].weight)


def test_exact_fit_logs_no_warning(tmp_path, logs):
    path = _save(tmp_path, Encoder(), prefix='module.backbone.')
    load_pretrained_weights(Encoder(), path, prefix='backbone.')
    assert [level for level, _ in logs] == [logging.INFO]
    assert "used 4 of the checkpoint's 4 encoder keys" in logs[0][1]


def test_no_match_and_missing_keys_raise(tmp_path, logs):
    path = _save(tmp_path, Encoder(depth=1))
    with pytest.raises(KeyError, match='No key of checkpoint'):
        load_pretrained_weights(Encoder(), path, prefix='encoder.')
    with pytest.raises(KeyError, match='lacks 2 of the 4 keys'):
        load_pretrained_weights(Encoder(), path, prefix='backbone.')
    load_pretrained_weights(Encoder(), path, prefix='backbone.',
                            allow_missing=True)
    with pytest.raises(ValueError, match='No pretrained checkpoint'):
        load_pretrained_weights(Encoder(), '', prefix='backbone.')
