"""The graph backbones built from the shared units keep their checkpoint
layout: ``state_dict`` keys (in order) and shapes of the default ST-GCN and
2s-AGCN, recorded in ``data/``, are what their checkpoints hold."""
import os.path as osp

import pytest
import torch

from skelbench.models.backbones.agcn import AGCNBlock
from skelbench.models.backbones.stgcn import STGCNBlock
from skelbench.models.utils.graph_layers import GraphConvUnit
from skelbench.registry import MODELS

DATA = osp.join(osp.dirname(__file__), 'data')


def _recorded(name):
    rows = []
    with open(osp.join(DATA, f'{name}_state_dict.txt')) as f:
        for line in f:
            key, shape = line.rstrip('\n').split(' ')
            rows.append((key, tuple(int(s) for s in shape.split('x') if s)))
    return rows


@pytest.mark.parametrize('type_,name', [('STGCN', 'stgcn'),
                                        ('AGCN', 'agcn')])
def test_state_dict_layout_is_the_checkpoints(type_, name):
    model = MODELS.build(dict(type=type_))
    got = [(k, tuple(v.shape)) for k, v in model.state_dict().items()]
    assert got == _recorded(name)
    # a checkpoint of this layout loads strictly
    model.load_state_dict(MODELS.build(dict(type=type_)).state_dict())


@pytest.mark.parametrize('type_,unit', [('STGCN', STGCNBlock),
                                        ('AGCN', AGCNBlock)])
def test_units_and_graph(type_, unit):
    model = MODELS.build(dict(type=type_, layout='nw-ucla'))
    assert len(model.blocks) == len(model.arch) == 10
    assert all(isinstance(b, unit) and isinstance(b, GraphConvUnit)
               for b in model.blocks)
    assert model.A.shape == (3, 20, 20) and 'A' not in model.state_dict()
    assert model.out_channels == 256
    assert model.blocks[0].residual is None  # first unit: no residual
    assert isinstance(model.blocks[1].residual, torch.nn.Identity)
    assert isinstance(model.blocks[4].residual, torch.nn.Sequential)
