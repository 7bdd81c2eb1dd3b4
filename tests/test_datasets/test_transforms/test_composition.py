"""Random composition (RandomChoice, RandomApply) on the sample's rng."""
import numpy as np
import pytest

from skelbench.datasets.transforms import RandomApply, RandomChoice

from ._helpers import (check_generic, check_streams_differ, make_results,
                       nw_ucla_samples, random_walk)

CFGS = [dict(type='RandomApply', transforms=[dict(type='RandomShear')]),
        dict(type='RandomChoice', transforms=[[dict(type='RandomShear')],
                                              dict(type='RandomFlip')])]


@pytest.mark.parametrize('cfg', CFGS, ids=str)
def test_generic(cfg, nw_ucla_root):
    check_generic(cfg, nw_ucla_samples(nw_ucla_root))


@pytest.mark.parametrize('cfg', CFGS, ids=str)
def test_streams_differ(cfg):
    check_streams_differ(cfg)


def test_random_choice_apply():
    kp = random_walk()
    t = RandomChoice(transforms=[dict(type='RandomScale',
                                      scale_range=(2, 2)),
                                 dict(type='RandomScale',
                                      scale_range=(3, 3))], prob=[0, 1])
    np.testing.assert_allclose(t(make_results(kp))['keypoint'], 3 * kp)
    t = RandomApply(transforms=dict(type='RandomScale', scale_range=(2, 2)),
                    prob=0.0)
    np.testing.assert_array_equal(t(make_results(kp))['keypoint'], kp)
    with pytest.raises(ValueError, match='prob'):
        RandomChoice(transforms=[dict(type='RandomShear')], prob=[0.5])
