"""FreezeBackboneHook: the encoder frozen for the first iterations."""
from types import SimpleNamespace

import pytest
from torch import nn

from skelbench.engine.hooks import FreezeBackboneHook


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2),
                                      nn.Linear(2, 2))
        self.backbone[2].weight.requires_grad_(False)  # its own freezing
        self.cls_head = nn.Linear(2, 2)


def test_frozen_for_the_first_third_then_restored():
    model = Model().train()
    runner = SimpleNamespace(model=model, max_iters=9, iter=0)
    hook = FreezeBackboneHook(frozen_ratio=1 / 3)
    assert hook.num_frozen(runner) == 3
    for it in range(6):
        runner.iter = it
        hook.before_train_iter(runner, it)
        frozen = it < 3
        assert model.backbone[0].weight.requires_grad is not frozen
        assert model.backbone[1].training is not frozen
        assert model.backbone[2].weight.requires_grad is False
        assert model.cls_head.weight.requires_grad


def test_resumed_past_the_frozen_part_trains(tmp_path):
    model = Model().train()
    runner = SimpleNamespace(model=model, max_iters=9, iter=5)
    FreezeBackboneHook(frozen_iters=3).before_train_iter(runner, 0)
    assert model.backbone[0].weight.requires_grad
    assert model.backbone[1].training


def test_bad_arguments():
    with pytest.raises(ValueError, match='frozen_ratio'):
        FreezeBackboneHook(frozen_ratio=2)
    with pytest.raises(ValueError, match='frozen_iters'):
        FreezeBackboneHook(frozen_iters=-1)
