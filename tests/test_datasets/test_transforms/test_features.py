import numpy as np
import pytest

from skelbench.datasets.transforms import (ConcatStreams, JointToBone,
                                           JointToMotion, bone_to_joint)
from skelbench.layouts import get_layout

from ._helpers import (check_generic, make_results, nw_ucla_samples,
                       random_walk)

CFGS = [
    dict(type='JointToBone', dst='keypoint'),
    dict(type='JointToMotion', dst='keypoint'),
]


@pytest.mark.parametrize('cfg', CFGS, ids=lambda c: c['type'])
def test_generic(cfg, nw_ucla_root):
    check_generic(cfg, nw_ucla_samples(nw_ucla_root))


@pytest.mark.parametrize('layout,V', [('nturgb+d', 25), ('nw-ucla', 20)])
def test_bones_reconstruct_joints(layout, V):
    lay = get_layout(layout)
    kp = random_walk(V=V, zero_actor=True)
    res = JointToBone()(make_results(kp, layout))
    bone = res['bone']
    assert bone.shape == kp.shape
    assert not bone[:, :, lay.root].any()
    rec = bone_to_joint(bone, lay, root=kp[:, :, lay.root])
    np.testing.assert_allclose(rec, kp, atol=1e-5)


def test_bones_on_nw_ucla(nw_ucla_root):
    lay = get_layout('nw-ucla')
    for a in nw_ucla_samples(nw_ucla_root):
        kp = a['keypoint']
        bone = JointToBone()(make_results(kp, 'nw-ucla'))['bone']
        np.testing.assert_allclose(
            bone_to_joint(bone, lay, root=kp[:, :, lay.root]), kp,
            atol=1e-5)


def test_motion():
    kp = random_walk(T=10)
    m = JointToMotion()(make_results(kp))['motion']
    np.testing.assert_allclose(m[:, :-1], kp[:, 1:] - kp[:, :-1])
    assert not m[:, -1].any()
    assert not JointToMotion()(make_results(random_walk(T=1)))[
        'motion'].any()


def test_concat_joint_bone_byol():
    kp = random_walk()
    res = make_results(kp)
    for t in (JointToBone(), ConcatStreams(keys=('keypoint', 'bone'))):
        res = t(res)
    assert res['keypoint'].shape == (2, 40, 25, 6)
    np.testing.assert_array_equal(res['keypoint'][..., :3], kp)
    with pytest.raises(KeyError, match='motion'):
        ConcatStreams(keys=('keypoint', 'motion'))(res)
    with pytest.raises(ValueError, match='keys'):
        ConcatStreams(keys='keypoint')
