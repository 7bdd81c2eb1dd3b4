import numpy as np
import pytest
import torch

from skelbench.datasets.transforms import FormatPersons, PackSkeletonInputs
from skelbench.registry import TRANSFORMS

from ._helpers import make_results, random_walk


def test_pack_masks_and_targets():
    res = make_results(random_walk(T=8))
    for cfg in (dict(type='MotionAwareMasking'),
                dict(type='GenerateReconstructionTarget')):
        res = TRANSFORMS.build(cfg)(res)
    keys = ('target', 'mask', 'ids_keep', 'ids_masked', 'ids_restore')
    out = PackSkeletonInputs(algorithm_keys=keys)(res)
    sample = out['data_samples']
    assert out['inputs'].shape == (2, 8, 25, 3)
    assert sample.mask.dtype == torch.bool
    assert sample.ids_keep.dtype == torch.int64
    assert sample.target.shape == (2, 2, 25, 12)
    assert sample.metainfo['layout'] == 'nturgb+d'
    with pytest.raises(KeyError, match='motion'):
        PackSkeletonInputs(algorithm_keys=('motion', ))(res)


def test_pack_views():
    res = make_results(random_walk(T=8))
    res = TRANSFORMS.build(dict(
        type='MultiView', num_views=2, collect_keys=('keypoint', 'mask'),
        pipelines=[dict(type='RandomTokenMasking')]))(res)
    out = PackSkeletonInputs(algorithm_keys=('mask', ))(res)
    assert isinstance(out['inputs'], list) and len(out['inputs']) == 2
    assert isinstance(out['data_samples'].mask, list)
    assert out['data_samples'].mask[0].dtype == torch.bool


def test_format_persons_unchanged():
    res = FormatPersons(num_persons=2)(make_results(random_walk(M=1)))
    assert res['keypoint'].shape[0] == 2 and not res['keypoint'][1].any()
    assert res['num_valid_persons'] == 1
    res = FormatPersons(num_persons=3, mode='loop')(
        make_results(random_walk(M=2)))
    np.testing.assert_array_equal(res['keypoint'][2], res['keypoint'][0])
