"""SkeletonRunner: checks of loaded checkpoints, atomic saving and the
default NonFiniteCheckHook, on a tiny NW-UCLA config."""
import os
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.fileio import LocalBackend
from mmengine.hooks import Hook

from skelbench.checkpoint import CheckpointMismatchError
from skelbench.engine import SkeletonRunner
from skelbench.engine.hooks import NonFiniteCheckHook, TrainingDivergedError
from skelbench.registry import HOOKS

from ..conftest import REPO_ROOT

CONFIG = osp.join(REPO_ROOT, 'tests', 'data', 'configs',
                  'tiny_supervised_nw_ucla.py')


def _cfg(work_dir, root, **options):
    cfg = Config.fromfile(CONFIG)
    cfg.merge_from_dict({
        'train_dataloader.dataset.data_root': root,
        'train_dataloader.dataset.indices': 32,
        'val_dataloader.dataset.data_root': root,
        'val_dataloader.dataset.indices': 8,
        'test_dataloader.dataset.data_root': root,
        'test_dataloader.dataset.indices': 8,
        'train_cfg.max_epochs': 1, 'log_level': 'WARNING', **options})
    cfg.work_dir = str(work_dir)
    cfg.experiment_name = osp.basename(str(work_dir))
    return cfg


@pytest.fixture(scope='module')
def trained(tmp_path_factory, nw_ucla_root):
    work = tmp_path_factory.mktemp('trained')
    runner = SkeletonRunner.from_cfg(_cfg(work, nw_ucla_root))
    runner.train()
    return work


def test_default_hook_meta_and_file_mode(trained):
    ckpt = torch.load(trained / 'epoch_1.pth', weights_only=False)
    assert ckpt['meta']['model_type'] == 'SkeletonRecognizer'
    assert ckpt['meta']['optimizer_type'] == 'AdamW'
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(trained / 'epoch_1.pth').st_mode & 0o777 == \
        0o666 & ~umask
    assert not [f for f in os.listdir(trained) if f.endswith('.partial')]
    assert (trained / 'last_checkpoint').read_text() == \
        str(trained / 'epoch_1.pth')


def test_hook_is_registered_once(tmp_path, nw_ucla_root):
    runner = SkeletonRunner.from_cfg(_cfg(tmp_path / 'a', nw_ucla_root))
    assert sum(isinstance(h, NonFiniteCheckHook) for h in runner.hooks) == 1
    runner = SkeletonRunner.from_cfg(_cfg(
        tmp_path / 'b', nw_ucla_root,
        custom_hooks=[dict(type='NonFiniteCheckHook')]))
    assert sum(isinstance(h, NonFiniteCheckHook) for h in runner.hooks) == 1


def test_load_from_of_another_architecture_is_refused(trained, tmp_path,
                                                      nw_ucla_root):
    cfg = _cfg(tmp_path, nw_ucla_root, **{
        'model.backbone.embed_dims': 48, 'model.cls_head.in_channels': 48})
    cfg.load_from = str(trained / 'epoch_1.pth')
    runner = SkeletonRunner.from_cfg(cfg)
    before = {k: v.clone() for k, v in runner.model.state_dict().items()}
    with pytest.raises(CheckpointMismatchError) as info:
        runner.test()
    assert 'shape mismatches' in str(info.value)
    assert 'backbone.blocks.0.attn.proj.bias: checkpoint (32,) vs model ' \
        '(48,)' in str(info.value)
    for k, v in runner.model.state_dict().items():
        assert torch.equal(v, before[k]), k  # nothing was loaded


def test_another_algorithm_is_refused(trained, tmp_path, nw_ucla_root):
    path = tmp_path / 'other.pth'
    ckpt = torch.load(trained / 'epoch_1.pth', weights_only=False)
    ckpt['meta']['model_type'] = 'MAMP'
    torch.save(ckpt, path)
    cfg = _cfg(tmp_path, nw_ucla_root)
    cfg.load_from = str(path)
    with pytest.raises(CheckpointMismatchError,
                       match='the checkpoint is of MAMP'):
        SkeletonRunner.from_cfg(cfg).test()


def test_resume_with_other_optimizer_groups_fails_before_training(
        trained, tmp_path, nw_ucla_root):
    cfg = _cfg(tmp_path, nw_ucla_root, **{
        'train_cfg.max_epochs': 2,
        'optim_wrapper.paramwise_cfg': dict(norm_decay_mult=0.)})
    cfg.resume, cfg.load_from = True, str(trained / 'epoch_1.pth')
    runner = SkeletonRunner.from_cfg(cfg)
    with pytest.raises(CheckpointMismatchError,
                       match='optimizer parameter groups'):
        runner.train()
    assert runner.iter == 0 and not osp.exists(tmp_path / 'epoch_2.pth')


def test_interrupted_save_leaves_last_checkpoint_complete(
        trained, tmp_path, nw_ucla_root, monkeypatch):
    """A save interrupted while writing leaves neither a partial
    epoch_2.pth nor a last_checkpoint naming one; auto-resume then takes
    epoch_1.pth."""
    work = tmp_path / 'w'
    work.mkdir()
    for name in ('epoch_1.pth', 'last_checkpoint'):
        (work / name).write_bytes((trained / name).read_bytes())
    (work / 'last_checkpoint').write_text(str(work / 'epoch_1.pth'))
    cfg = _cfg(work, nw_ucla_root, **{'train_cfg.max_epochs': 2})
    cfg.resume = True
    runner = SkeletonRunner.from_cfg(cfg)

    def write_half_then_die(self, obj, filepath):
        with open(filepath, 'wb') as f:
            f.write(obj[:len(obj) // 2])
        raise KeyboardInterrupt  # killed half-way through the file

    monkeypatch.setattr(LocalBackend, 'put', write_half_then_die)
    with pytest.raises(KeyboardInterrupt):
        runner.train()
    monkeypatch.undo()
    assert runner.epoch == 1  # resumed from epoch_1, killed in epoch 2
    assert sorted(os.listdir(work)) == sorted(
        ['epoch_1.pth', 'last_checkpoint', runner.timestamp,
         'tiny_supervised_nw_ucla.py'])
    assert (work / 'last_checkpoint').read_text() == \
        str(work / 'epoch_1.pth')


def test_auto_resume_skips_a_stale_last_checkpoint(tmp_path, trained,
                                                   nw_ucla_root):
    work = tmp_path / 'w'
    work.mkdir()
    (work / 'epoch_1.pth').write_bytes((trained / 'epoch_1.pth')
                                       .read_bytes())
    (work / 'last_checkpoint').write_text(str(work / 'epoch_2.pth'))
    runner = SkeletonRunner.from_cfg(_cfg(work, nw_ucla_root))
    assert runner.latest_checkpoint() == str(work / 'epoch_1.pth')
    (work / 'last_checkpoint').write_text('')  # killed while writing it
    assert runner.latest_checkpoint() == str(work / 'epoch_1.pth')
    os.remove(work / 'epoch_1.pth')
    assert runner.latest_checkpoint() is None


def test_huge_lr_stops_at_the_first_non_finite_loss(tmp_path, nw_ucla_root):
    cfg = _cfg(tmp_path, nw_ucla_root, **{
        'optim_wrapper.optimizer.lr': 1e12, 'train_cfg.max_epochs': 2})
    runner = SkeletonRunner.from_cfg(cfg)
    with pytest.raises(TrainingDivergedError,
                       match=r'iteration \d+ \(epoch 1\): non-finite loss '
                       r'term loss = nan, loss_cls = nan'):
        runner.train()
    assert not [f for f in os.listdir(tmp_path) if f.endswith('.pth')]


@HOOKS.register_module(force=True)
class PoisonWeightsInEpoch2(Hook):
    """Makes a weight NaN after the last update of epoch 2 (its losses
    were all finite)."""
    priority = 'NORMAL'  # before CheckpointHook (VERY_LOW)

    def after_train_epoch(self, runner):
        if runner.epoch == 1:
            with torch.no_grad():
                runner.model.backbone.token_embed.weight[0, 0] = float('nan')


def test_non_finite_weights_are_never_saved(tmp_path, nw_ucla_root):
    cfg = _cfg(tmp_path, nw_ucla_root, **{'train_cfg.max_epochs': 2})
    cfg.custom_hooks = [dict(type='PoisonWeightsInEpoch2')]
    runner = SkeletonRunner.from_cfg(cfg)
    with pytest.raises(TrainingDivergedError) as info:
        runner.train()
    assert "['backbone.token_embed.weight']" in str(info.value)
    assert f'Last checkpoint saved: {tmp_path / "epoch_1.pth"}' in \
        str(info.value)
    assert osp.exists(tmp_path / 'epoch_1.pth')
    assert not osp.exists(tmp_path / 'epoch_2.pth')
    assert (tmp_path / 'last_checkpoint').read_text() == \
        str(tmp_path / 'epoch_1.pth')
