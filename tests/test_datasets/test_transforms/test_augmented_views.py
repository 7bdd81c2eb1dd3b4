"""Augmented views of one sample (MultiView)."""
import numpy as np
import pytest

from skelbench.datasets.transforms import MultiView
from skelbench.layouts import get_layout
from skelbench.registry import TRANSFORMS

from ._helpers import (check_generic, check_streams_differ, make_results,
                       nw_ucla_samples, random_walk)

AGGRESSIVE = [dict(type='RandomResample'), dict(type='PadTo', length=50),
              dict(type='SavitzkyGolayFilter', p=0.5),
              dict(type='RandomShear'),
              dict(type='RandomTemporalShift', max_shift=150),
              dict(type='RandomSideDrop', p=0.5)]
CONSERVATIVE = [dict(type='RandomResample'), dict(type='PadTo', length=50)]
BYOL = dict(type='MultiView', pipelines=[AGGRESSIVE, CONSERVATIVE])
ISC = dict(type='MultiView', num_views=2, pipelines=[
    dict(type='TemporalCropResize', clip_len=16, ratio_range=(0.1, 1),
         min_len=4),
    dict(type='RandomChoice', transforms=[
        dict(type='RandomShear'), dict(type='RandomJointJitter')])])
CFGS = [BYOL, ISC]


@pytest.mark.parametrize('cfg', CFGS, ids=str)
def test_generic(cfg, nw_ucla_root):
    check_generic(cfg, nw_ucla_samples(nw_ucla_root))


@pytest.mark.parametrize('cfg', CFGS, ids=str)
def test_streams_differ(cfg):
    check_streams_differ(cfg)


def test_byol_views():
    t = TRANSFORMS.build(BYOL)
    res = t(make_results(random_walk(T=60)))
    views = res['keypoint']
    assert isinstance(views, list) and len(views) == 2
    assert all(v.shape == (2, 50, 25, 3) for v in views)
    assert not np.allclose(views[0], views[1])
    assert 'MultiView' in repr(t)


def test_multi_view_collect_keys():
    t = MultiView(pipelines=[dict(type='RandomTokenMasking')], num_views=3,
                  collect_keys=('keypoint', 'mask'))
    res = t(make_results(random_walk(T=8)))
    assert len(res['keypoint']) == 3 and len(res['mask']) == 3
    assert not all((m == res['mask'][0]).all() for m in res['mask'][1:])
    with pytest.raises(ValueError, match='pipelines'):
        MultiView(pipelines=[])
    with pytest.raises(ValueError, match='num_views'):
        MultiView(pipelines=[[], [], []], num_views=2)


def test_multi_view_shares_the_layout():
    """The views share the sample's layout object (not a copy each)."""
    seen = []

    class Spy:

        def __call__(self, results):
            seen.append(results['layout'])
            return results

    layout = get_layout('nw-ucla')
    t = MultiView(pipelines=[Spy()], num_views=2)
    t(make_results(random_walk(V=20), layout=layout))
    assert len(seen) == 2 and all(s is layout for s in seen)
