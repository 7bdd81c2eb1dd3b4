"""Temperatures and momenta outside their range are refused by name."""
import pytest
import torch

from skelbench.registry import MODELS

NAN = float('nan')


@pytest.mark.parametrize('cfg,match', [
    (dict(type='InfoNCELoss', temperature=0.), 'temperature must be > 0'),
    (dict(type='InfoNCELoss', temperature=-0.07), 'temperature must be > 0'),
    (dict(type='InfoNCELoss', temperature=NAN), 'temperature must be > 0'),
    (dict(type='LatentCrossEntropyLoss', tau_t=0.), 'temperatures must be'),
    (dict(type='LatentCrossEntropyLoss', tau_p=NAN), 'temperatures must be'),
    (dict(type='SoftTargetCrossEntropyLoss', tau=0.), 'tau must be > 0'),
    (dict(type='JEPAHead', embed_dims=4, center_momentum=1.5),
     'center_momentum must be in'),
])
def test_out_of_range_refused(cfg, match):
    with pytest.raises(ValueError, match=match):
        MODELS.build(cfg)


@pytest.mark.parametrize('name,value', [('base_momentum', -0.1),
                                        ('end_momentum', 1.01),
                                        ('base_momentum', NAN)])
def test_ema_momentum_outside_unit_interval_refused(name, value):
    kw = dict(base_momentum=0.99, end_momentum=1.0)
    kw[name] = value
    with pytest.raises(ValueError, match=f'{name} must be in \\[0, 1\\]'):
        MODELS.build(dict(type='CosineMomentumEMA',
                          model=torch.nn.Linear(2, 2), **kw))
