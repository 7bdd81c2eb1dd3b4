import numpy as np
import pytest

from skelbench.layouts import SkeletonLayout, get_layout
from skelbench.registry import LAYOUTS


@pytest.mark.parametrize('name,V', [('nturgb+d', 25), ('nw-ucla', 20)])
def test_builtin_layouts(name, V):
    layout = get_layout(name)
    assert layout.num_joints == V
    assert len(layout.bone_pairs) == V - 1
    assert layout.parents[layout.root] == -1
    # the flip permutation is an involution that swaps each pair
    perm = layout.flip_index
    assert np.array_equal(perm[perm], np.arange(V))
    for a, b in layout.left_right_pairs:
        assert perm[a] == b and 'left' in layout.joint_names[a] \
            and 'right' in layout.joint_names[b]
    assert set(layout.left_side).isdisjoint(layout.right_side)
    assert all('left' in layout.joint_names[j] for j in layout.left_side)
    assert all('right' in layout.joint_names[j] for j in layout.right_side)
    # the graph is connected and symmetric
    A = layout.adjacency()
    assert np.array_equal(A, A.T)
    assert np.isfinite(layout.hop_distance).all()
    # spatial partition sums to the column-normalised adjacency
    part = layout.spatial_partition()
    assert part.shape == (3, V, V)
    np.testing.assert_allclose(part.sum(0),
                               layout.adjacency(normalize='column'),
                               atol=1e-6)


def test_ntu_semantics():
    ntu = get_layout('nturgb+d')
    names = ntu.joint_names
    assert names[ntu.center] == 'spine_shoulder'
    assert names[ntu.origin] == 'spine_mid'
    assert [names[j] for j in ntu.shoulder_line] == ['shoulder_right',
                                                     'shoulder_left']
    assert ntu.parents[names.index('hand_left')] == names.index('wrist_left')


def test_root_partition_is_self_and_same_distance():
    layout = get_layout('nw-ucla')
    part = layout.spatial_partition()
    hop = layout.hop_distance[:, layout.center]
    # centripetal entries point from a joint to a neighbour nearer the centre
    ii, jj = np.nonzero(part[1])
    assert (hop[ii] > hop[jj]).all()
    ii, jj = np.nonzero(part[2])
    assert (hop[ii] < hop[jj]).all()


def test_unknown_layout_lists_registered():
    with pytest.raises(KeyError, match='nturgb\\+d'):
        get_layout('coco-wholebody')


def test_layout_from_config_and_plugin_registration():
    cfg = dict(type='SkeletonLayout', name='toy', joint_names=['a', 'b_left',
                                                               'b_right'],
               parents=[-1, 0, 0], left_right_pairs=[(1, 2)], center=0,
               origin=0, vertical_axis=(0, 1), shoulder_line=(2, 1))
    toy = get_layout(cfg)
    assert toy.num_joints == 3 and toy.bone_pairs == ((1, 0), (2, 0))

    @LAYOUTS.register_module(name='toy-plugin', force=True)
    class ToyLayout(SkeletonLayout):
        def __init__(self):
            super().__init__(**{k: v for k, v in cfg.items()
                                if k != 'type'})

    assert get_layout('toy-plugin') == toy


@pytest.mark.parametrize('bad,msg', [
    (dict(parents=[-1, 0]), 'parents has 2 entries'),
    (dict(parents=[-1, -1, 0]), 'exactly one root'),
    (dict(parents=[-1, 2, 1]), 'cycle'),
    (dict(center=7), 'center has joint indices'),
])
def test_invalid_layouts(bad, msg):
    cfg = dict(name='bad', joint_names=['a', 'b_left', 'b_right'],
               parents=[-1, 0, 0], left_right_pairs=[(1, 2)], center=0,
               origin=0, vertical_axis=(0, 1), shoulder_line=(2, 1))
    cfg.update(bad)
    with pytest.raises(ValueError, match=msg):
        SkeletonLayout(**cfg)
