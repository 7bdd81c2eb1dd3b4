"""The tools refuse checkpoints that do not fit and stop diverged runs."""
import glob
import os.path as osp

import pytest
import torch

from ..conftest import REPO_ROOT
from .test_train_resume import run_tool

CONFIG = osp.join(REPO_ROOT, 'tests', 'data', 'configs',
                  'tiny_supervised_nw_ucla.py')
SMALL = ['train_dataloader.dataset.indices=32',
         'val_dataloader.dataset.indices=8', 'train_cfg.max_epochs=1']
WIDER = ['model.backbone.embed_dims=48', 'model.cls_head.in_channels=48']


@pytest.fixture(scope='module')
def checkpoint(tmp_path_factory, nw_ucla_root):
    work = str(tmp_path_factory.mktemp('train'))
    run_tool(['tools/train.py', CONFIG, '--work-dir', work,
              '--cfg-options'] + SMALL, dict(NW_UCLA_ROOT=nw_ucla_root))
    return osp.join(work, 'epoch_1.pth')


def test_test_py_refuses_another_architecture(checkpoint, tmp_path,
                                              nw_ucla_root):
    proc = run_tool(['tools/test.py', CONFIG, '--checkpoint', checkpoint,
                     '--work-dir', str(tmp_path), '--cfg-options'] + WIDER,
                    dict(NW_UCLA_ROOT=nw_ucla_root), check=False)
    assert proc.returncode == 1
    assert f'Checkpoint {checkpoint} does not fit the SkeletonRecognizer' \
        in proc.stderr
    assert '31 shape mismatches' in proc.stderr
    assert 'acc/top1' not in proc.stdout + proc.stderr  # nothing scored


def test_resume_from_another_config_fails_before_training(
        checkpoint, tmp_path, nw_ucla_root):
    work = str(tmp_path / 'resumed')
    proc = run_tool(['tools/train.py', CONFIG, '--work-dir', work,
                     '--resume', checkpoint, '--cfg-options',
                     'train_cfg.max_epochs=2', 'model.backbone.depth=3'],
                    dict(NW_UCLA_ROOT=nw_ucla_root), check=False)
    assert proc.returncode == 1
    assert "12 of the model's 44 keys are missing" in proc.stderr
    assert 'optimizer parameter groups: checkpoint 1 group of [32] ' \
        'parameters vs config 1 group of [44] parameters' in proc.stderr
    assert 'Epoch(train)' not in proc.stdout + proc.stderr
    assert not glob.glob(osp.join(work, '*.pth'))


def test_huge_lr_exits_with_the_diverged_iteration(tmp_path, nw_ucla_root):
    work = str(tmp_path / 'nan')
    proc = run_tool(['tools/train.py', CONFIG, '--work-dir', work,
                     '--cfg-options', 'optim_wrapper.optimizer.lr=1e12',
                     'train_cfg.max_epochs=2'] + SMALL[:2],
                    dict(NW_UCLA_ROOT=nw_ucla_root), check=False)
    assert proc.returncode == 1
    assert 'Training diverged at iteration 2 (epoch 1): non-finite loss ' \
        'term loss = nan, loss_cls = nan' in proc.stderr
    assert 'Last checkpoint saved: none' in proc.stderr
    for path in glob.glob(osp.join(work, '*.pth')):
        state = torch.load(path, weights_only=False)['state_dict']
        assert all(torch.isfinite(v).all() for v in state.values()), path
