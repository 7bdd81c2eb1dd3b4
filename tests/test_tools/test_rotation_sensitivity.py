"""tools/analysis_tools/rotation_sensitivity.py: probes of a frozen encoder
against test samples turned about their body axis."""
import json
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import Config

from skelbench.registry import MODELS

from ..conftest import REPO_ROOT, load_tool

TINY = osp.join(REPO_ROOT, 'tests', 'data', 'configs',
                'tiny_supervised_nw_ucla.py')


def _options(root):
    return ['--cfg-options', f'train_dataloader.dataset.data_root={root}',
            'train_dataloader.dataset.indices=120',
            f'test_dataloader.dataset.data_root={root}']


def test_rotation_sensitivity_tool(tmp_path, nw_ucla_root, capsys):
    tool = load_tool('analysis_tools/rotation_sensitivity.py')
    probe = load_tool('analysis_tools/probe_features.py')
    cfg = Config.fromfile(TINY)
    torch.manual_seed(7)
    trained = MODELS.build(cfg.model)
    ckpt = tmp_path / 'backbone.pth'
    torch.save({'state_dict': {f'backbone.{k}': v for k, v in
                               trained.backbone.state_dict().items()}}, ckpt)
    out = tmp_path / 'rot.json'
    rows = tool.main([TINY, '--checkpoint', str(ckpt), '--angles', '60',
                      '-90', '--out', str(out)] + _options(nw_ucla_root))
    # 0 is always added, angles sorted
    assert [r['angle'] for r in rows] == [-90., 0., 60.]
    zero = rows[1]
    # at 0 deg: the plain probes of probe_features.py, cosine exactly 1
    plain = probe.main([TINY, '--checkpoint', str(ckpt)]
                       + _options(nw_ucla_root))['pretrained']
    assert zero['linear'] == plain['linear']
    assert zero['nn1'] == plain['nn1']
    assert zero['cosine'] == pytest.approx(1.0)
    # the tiny GCN sees camera coordinates: a 90 deg turn changes features
    assert rows[0]['cosine'] < 0.999
    assert json.loads(out.read_text())['results'] == rows
    assert '-90' in capsys.readouterr().out


def test_rotated_dataset_turns_the_raw_samples(nw_ucla_root):
    tool = load_tool('analysis_tools/rotation_sensitivity.py')
    from skelbench.datasets.transforms import (body_facing_angle,
                                               body_vertical_axis)
    from skelbench.layouts import get_layout
    from skelbench.utils import register_all_modules
    register_all_modules()
    cfg = Config.fromfile(TINY)
    cfg.test_dataloader.dataset.data_root = nw_ucla_root
    cfg.test_dataloader.dataset.pipeline = []
    lay = get_layout('nw-ucla')
    plain = tool.rotated_dataset(cfg.test_dataloader.dataset, 0.)[0]
    turned = tool.rotated_dataset(cfg.test_dataloader.dataset, 40.)[0]
    a0, a1 = (body_facing_angle(r['keypoint'], lay,
                                body_vertical_axis(r['keypoint'], lay)[0])
              for r in (plain, turned))
    # turning the body by +40 deg leaves -40 deg less to face the camera
    assert np.angle(np.exp(1j * (a1 - a0))) == pytest.approx(
        -np.radians(40.), abs=1e-5)
