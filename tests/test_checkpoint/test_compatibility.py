import torch
from torch import nn

from skelbench.checkpoint import (CheckpointMismatchError, checkpoint_types,
                                  model_type_mismatch, optimizer_mismatches,
                                  state_dict_mismatches)


def test_state_dict_mismatches_lists_every_kind():
    model = nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 2))
    assert state_dict_mismatches(model.state_dict(), model.state_dict()) \
        == []
    other = nn.Sequential(nn.Linear(3, 5), nn.Linear(5, 2), nn.Linear(2, 1))
    loaded = {k: v for k, v in other.state_dict().items()
              if not k.startswith('1.bias')}
    problems = state_dict_mismatches(model.state_dict(), loaded)
    assert len(problems) == 3
    assert problems[0].startswith("1 of the model's 4 keys are missing")
    assert '1.bias' in problems[0]
    assert problems[1].startswith('2 keys of the checkpoint are not in')
    assert '2.weight' in problems[1]
    assert problems[2].startswith('3 shape mismatches')
    assert '0.weight: checkpoint (5, 3) vs model (4, 3)' in problems[2]


def test_model_type_from_meta():
    model = nn.Linear(1, 1)
    assert model_type_mismatch(model, {'meta': {'model_type': 'Linear'}}) \
        is None
    assert model_type_mismatch(model, {}) is None  # unknown: no claim
    line = model_type_mismatch(model, {'meta': {'model_type': 'MAMP'}})
    assert 'MAMP' in line and 'Linear' in line
    # the config text is never executed to find the classes
    assert checkpoint_types({'meta': {'cfg': "model = dict(type='X')"}}) \
        == dict(model=None, optimizer=None)


def test_optimizer_mismatches():
    a, b = nn.Linear(3, 4), nn.Linear(3, 4)
    opt = torch.optim.Adam(a.parameters())
    a(torch.ones(1, 3)).sum().backward()
    opt.step()
    saved = opt.state_dict()
    assert optimizer_mismatches(torch.optim.Adam(b.parameters()), saved,
                                'Adam') == []
    # another class
    problems = optimizer_mismatches(torch.optim.SGD(b.parameters(), lr=1),
                                    saved, 'Adam')
    assert problems == ['optimizer: the checkpoint has Adam state, the '
                        'config builds SGD']
    # other parameter groups
    two = torch.optim.Adam([{'params': [b.weight]}, {'params': [b.bias]}])
    assert 'checkpoint 1 group of [2] parameters vs config 2 groups of ' \
        '[1, 1]' in optimizer_mismatches(two, saved)[0]
    # same group sizes, parameters of other shapes (Adam would crash)
    c = nn.Linear(5, 6)
    problems = optimizer_mismatches(torch.optim.Adam(c.parameters()), saved)
    assert len(problems) == 1 and 'other shapes' in problems[0]
    assert 'exp_avg (4, 3) vs (6, 5)' in problems[0]


def test_error_lists_the_problems():
    err = CheckpointMismatchError('x.pth', 'the Net of this config',
                                  ['one', 'two'])
    text = str(err)
    assert text.startswith('Checkpoint x.pth does not fit the Net')
    assert '  - one\n  - two' in text and err.problems == ['one', 'two']
