"""TrainableOptimWrapperConstructor: frozen parameters stay out of the
optimizer, with and without paramwise options."""
import pytest
import torch
from torch import nn

from skelbench.engine.optimizers import TrainableOptimWrapperConstructor
from skelbench.registry import OPTIM_WRAPPER_CONSTRUCTORS


class Model(nn.Module):

    def __init__(self):
        super().__init__()
        self.student = nn.Sequential(nn.Linear(4, 4), nn.BatchNorm1d(4))
        self.teacher = nn.Sequential(nn.Linear(4, 4), nn.BatchNorm1d(4))
        self.teacher.requires_grad_(False)


def _ids(wrapper):
    return [id(p) for g in wrapper.optimizer.param_groups
            for p in g['params']]


def test_frozen_parameters_are_left_out():
    model = Model()
    wrapper = TrainableOptimWrapperConstructor(
        dict(optimizer=dict(type='SGD', lr=0.1, momentum=0.9,
                            weight_decay=1e-4)))(model)
    assert sorted(_ids(wrapper)) == sorted(
        id(p) for p in model.student.parameters())
    group = wrapper.optimizer.param_groups[0]
    assert (group['lr'], group['weight_decay']) == (0.1, 1e-4)
    # built by name from the registry, as configs do
    built = OPTIM_WRAPPER_CONSTRUCTORS.build(dict(
        type='TrainableOptimWrapperConstructor',
        optim_wrapper_cfg=dict(optimizer=dict(type='SGD', lr=0.1))))
    assert len(_ids(built(model))) == 4


def test_paramwise_options_apply_to_the_trainable_parameters():
    model = Model()
    wrapper = TrainableOptimWrapperConstructor(
        dict(optimizer=dict(type='SGD', lr=0.1, weight_decay=1e-4)),
        dict(flat_decay_mult=0., custom_keys={'student.0': dict(
            lr_mult=0.5)}))(model)
    assert sorted(_ids(wrapper)) == sorted(
        id(p) for p in model.student.parameters())
    by_id = {id(p): g for g in wrapper.optimizer.param_groups
             for p in g['params']}
    assert by_id[id(model.student[0].weight)]['lr'] == pytest.approx(0.05)
    assert by_id[id(model.student[1].weight)]['weight_decay'] == 0.
    # a step moves the student only
    before = [p.clone() for p in model.teacher.parameters()]
    model.train()
    model.student(torch.randn(8, 4)).pow(2).sum().backward()
    wrapper.step()
    for a, b in zip(before, model.teacher.parameters()):
        assert torch.equal(a, b)


def test_nothing_to_train_is_refused():
    model = Model()
    model.requires_grad_(False)
    with pytest.raises(ValueError, match='no parameter that requires'):
        TrainableOptimWrapperConstructor(
            dict(optimizer=dict(type='SGD', lr=0.1)))(model)
