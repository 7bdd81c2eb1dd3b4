"""Resuming a skeleton BYOL run restores the EMA target, its counter and
the momentum-BN statistics exactly."""
import os.path as osp

import torch
from mmengine.config import Config

from skelbench.registry import RUNNERS

from ..conftest import REPO_ROOT

CONFIG = osp.join(REPO_ROOT, 'configs', 'skeleton_byol',
                  'skeleton-byol_stgcn-x025_1xb32-10e_synthetic-xsub.py')


def _cfg(work_dir, resume_from=None):
    cfg = Config.fromfile(CONFIG)
    cfg.work_dir = str(work_dir)
    cfg.train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=2)
    cfg.train_dataloader.batch_size = 2
    cfg.train_dataloader.num_workers = 0
    cfg.train_dataloader.persistent_workers = False
    cfg.train_dataloader.dataset.dataset.indices = 9  # 3 performances
    for key in ('val_dataloader', 'val_cfg', 'val_evaluator',
                'test_dataloader', 'test_cfg', 'test_evaluator'):
        cfg[key] = None
    cfg.custom_hooks = [dict(type='MomentumUpdateHook')]
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook', interval=1)
    cfg.log_level = 'WARNING'
    if resume_from:
        cfg.resume, cfg.load_from = True, str(resume_from)
    return cfg


def _state(path):
    return torch.load(path, weights_only=False)['state_dict']


def test_resume_restores_ema_and_momentum_bn(tmp_path):
    RUNNERS.build(_cfg(tmp_path / 'full')).train()
    full1 = _state(tmp_path / 'full' / 'epoch_1.pth')
    assert int(full1['target_net.steps']) == 1  # one step per epoch
    assert int(full1['momentum_bn.num_updates']) == 1
    runner = RUNNERS.build(_cfg(tmp_path / 'resumed',
                                tmp_path / 'full' / 'epoch_1.pth'))
    runner.train()
    a = _state(tmp_path / 'full' / 'epoch_2.pth')
    b = _state(tmp_path / 'resumed' / 'epoch_2.pth')
    assert a.keys() == b.keys()
    keys = [k for k in a if k.startswith(('target_net.', 'momentum_bn.'))]
    assert any(k.startswith('momentum_bn.mean_') for k in keys)
    for k in a:
        assert torch.equal(a[k], b[k]), k
    assert int(a['target_net.steps']) == 2
    assert int(a['momentum_bn.num_updates']) == 2
