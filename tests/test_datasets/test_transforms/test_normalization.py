import numpy as np
import pytest

from skelbench.datasets.transforms import CenterSkeleton

from ._helpers import check_generic, make_results, nw_ucla_samples, \
    random_walk


@pytest.mark.parametrize('mode', ['first_frame', 'per_frame'])
def test_generic(mode, nw_ucla_root):
    check_generic(dict(type='CenterSkeleton', mode=mode),
                  nw_ucla_samples(nw_ucla_root))


def test_center_first_frame():
    kp = random_walk(zero_actor=True)
    res = CenterSkeleton()(make_results(kp))
    assert not res['keypoint'][0, 0, 1].any()  # origin joint (spine mid)
    np.testing.assert_allclose(res['keypoint'][0] - kp[0],
                               np.broadcast_to(-kp[0, 0, 1], kp[0].shape),
                               rtol=1e-5, atol=1e-5)
    assert not res['keypoint'][1].any()
