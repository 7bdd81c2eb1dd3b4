"""tools/analysis_tools/sjepa_target_codes.py on an S-JEPA checkpoint."""
import json
import os.path as osp

import pytest
import torch
from mmengine.config import Config

from skelbench.registry import MODELS

from ..conftest import REPO_ROOT, load_tool

SJEPA = osp.join(REPO_ROOT, 'configs', 'sjepa',
                 'sjepa-seqcenter_transformer-l4d128_1xb64-100e_'
                 'nw-ucla-xview.py')
TINY = osp.join(REPO_ROOT, 'tests', 'data', 'configs',
                'tiny_supervised_nw_ucla.py')


def test_target_codes_tool(tmp_path, nw_ucla_root, capsys):
    tool = load_tool('analysis_tools/sjepa_target_codes.py')
    cfg = Config.fromfile(SJEPA)
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    model.head.center.normal_()
    ckpt = tmp_path / 'epoch_1.pth'
    torch.save({'state_dict': model.state_dict()}, ckpt)
    out = tmp_path / 'codes.json'
    stats = tool.main([
        SJEPA, str(ckpt), '--out', str(out), '--cfg-options',
        f'train_dataloader.dataset.data_root={nw_ucla_root}',
        'train_dataloader.dataset.indices=24',
        f'test_dataloader.dataset.data_root={nw_ucla_root}'])
    assert 0 < stats['code_share'] <= 1
    assert 1 <= stats['sequence_codes'] <= stats['token_codes'] <= 128
    assert 0 <= stats['entropy'] <= stats['uniform_entropy']
    assert json.loads(out.read_text())['statistics'] == stats
    assert 'train: 24 samples' in capsys.readouterr().out


def test_target_codes_tool_rejects_other_models(tmp_path, nw_ucla_root):
    tool = load_tool('analysis_tools/sjepa_target_codes.py')
    cfg = Config.fromfile(TINY)
    ckpt = tmp_path / 'epoch_1.pth'
    torch.save({'state_dict': MODELS.build(cfg.model).state_dict()}, ckpt)
    with pytest.raises(ValueError, match='not an S-JEPA model'):
        tool.main([TINY, str(ckpt)])
