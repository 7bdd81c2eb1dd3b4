import os.path as osp

import pytest
import torch

from mmengine.config import Config

from skelbench.models import SkeletonDataPreprocessor
from skelbench.models.data_preprocessors import build_data_preprocessor
from skelbench.registry import MODELS
from ...conftest import REPO_ROOT


def test_build_default_dict_and_module():
    assert type(build_data_preprocessor(None)) is SkeletonDataPreprocessor
    built = build_data_preprocessor(
        dict(type='SkeletonDataPreprocessor', num_joints=20))
    assert built.num_joints == 20
    assert build_data_preprocessor(built) is built
    with pytest.raises(KeyError):
        build_data_preprocessor(dict(type='NoSuchPreprocessor'))


RECOGNIZER = dict(
    type='SkeletonRecognizer',
    backbone=dict(type='STGCN', in_channels=3, layout='nw-ucla',
                  num_persons=1, width=0.25),
    cls_head=dict(type='ClsHead', num_classes=4, in_channels=64))
BYOL = osp.join(REPO_ROOT, 'configs', 'skeleton_byol',
                'skeleton-byol_stgcn-x025_1xb64-30e_nw-ucla-xview.py')


@pytest.mark.parametrize('cfg', [RECOGNIZER, BYOL])
def test_models_use_the_configured_preprocessor(cfg):
    if isinstance(cfg, str):  # an SSL algorithm (BaseSkeletonSSL)
        cfg = Config.fromfile(cfg).model.to_dict()
        cfg.pop('data_preprocessor', None)
    model = MODELS.build(dict(cfg, data_preprocessor=dict(
        type='SkeletonDataPreprocessor', num_joints=25)))
    assert model.data_preprocessor.num_joints == 25
    batch = dict(inputs=[torch.zeros(1, 8, 20, 3)], data_samples=None)
    with pytest.raises(ValueError, match='V=20 joints, the model expects 25'):
        model.data_preprocessor(batch)
    default = MODELS.build(cfg)
    assert type(default.data_preprocessor) is SkeletonDataPreprocessor
    assert default.data_preprocessor.num_joints is None
