from types import SimpleNamespace

import pytest
import torch
from mmengine.logging import MessageHub

from skelbench.engine.hooks import NonFiniteCheckHook, TrainingDivergedError


def _runner(tmp_path, last=None):
    return SimpleNamespace(iter=6, epoch=1, work_dir=str(tmp_path),
                           last_saved_checkpoint=last,
                           message_hub=MessageHub.get_current_instance())


def test_finite_losses_pass(tmp_path):
    hook = NonFiniteCheckHook()
    hook.after_train_iter(_runner(tmp_path), 0, outputs=dict(
        loss=torch.tensor(1.), loss_rec=torch.tensor(0.5),
        feat_std=torch.tensor(float('nan'))))  # not a loss term
    hook.after_train_iter(_runner(tmp_path), 0, outputs=None)


def test_non_finite_term_names_iteration_term_and_checkpoint(tmp_path):
    hook = NonFiniteCheckHook()
    runner = _runner(tmp_path, last=str(tmp_path / 'epoch_1.pth'))
    with pytest.raises(TrainingDivergedError) as info:
        hook.after_train_iter(runner, 0, outputs=dict(
            loss=torch.tensor(1.), loss_ctr=torch.tensor(float('inf'))))
    msg = str(info.value)
    assert 'iteration 7 (epoch 2)' in msg
    assert 'loss_ctr = inf' in msg and 'loss =' not in msg
    assert f'Last checkpoint saved: {tmp_path / "epoch_1.pth"}' in msg


def test_last_checkpoint_falls_back_to_the_work_dir(tmp_path):
    runner = _runner(tmp_path)
    assert NonFiniteCheckHook.last_checkpoint(runner).startswith('none')
    (tmp_path / 'last_checkpoint').write_text('/x/epoch_4.pth')
    assert NonFiniteCheckHook.last_checkpoint(runner) == '/x/epoch_4.pth'


def test_non_finite_weights_are_not_saved(tmp_path):
    hook = NonFiniteCheckHook()
    good = {'state_dict': {'w': torch.ones(2), 'n': torch.tensor(3)},
            'meta': dict(epoch=2, iter=12)}
    hook.before_save_checkpoint(_runner(tmp_path), good)
    bad = {'state_dict': {'w': torch.tensor([1., float('nan')])},
           'meta': dict(epoch=2, iter=12)}
    with pytest.raises(TrainingDivergedError, match=r"iteration 12 .*\['w'\]"):
        hook.before_save_checkpoint(_runner(tmp_path), bad)
