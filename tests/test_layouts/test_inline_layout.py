"""A layout defined inline in a config works in the dataset, in every
layout-aware transform (also in dataloader worker processes) and in the
model, and a config using it trains."""
import os.path as osp
import pickle
import textwrap

import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.dataset import pseudo_collate

from skelbench.layouts import SkeletonLayout, get_layout
from skelbench.registry import DATASETS, LAYOUTS, RUNNERS

from ..conftest import REPO_ROOT, make_annotations

# A 20-joint Kinect v1 skeleton in another joint order than NW-UCLA's
# (shoulders first, hip centre as the root, head last); its name is not
# registered anywhere.
INLINE_LAYOUT = dict(
    type='SkeletonLayout', name='kinect-v1-inline',
    joint_names=[
        'shoulder_right', 'shoulder_left', 'neck', 'spine', 'hip_right',
        'hip_left', 'hip_center', 'elbow_right', 'elbow_left', 'wrist_right',
        'wrist_left', 'hand_right', 'hand_left', 'knee_right', 'knee_left',
        'ankle_right', 'ankle_left', 'foot_right', 'foot_left', 'head'],
    parents=[2, 2, 3, 6, 6, 6, -1, 0, 1, 7, 8, 9, 10, 4, 5, 13, 14, 15, 16,
             2],
    left_right_pairs=[(1, 0), (8, 7), (10, 9), (12, 11), (5, 4), (14, 13),
                      (16, 15), (18, 17)],
    center=2, origin=3, vertical_axis=(6, 3), shoulder_line=(0, 1))

# Every layout-aware transform reads the sample's layout.
LAYOUT_PIPELINE = [
    dict(type='FillMissingJoints'),
    dict(type='CenterSkeleton'),
    dict(type='RandomFlip', p=1.0),
    dict(type='RandomSideDrop', p=0.0),
    dict(type='RandomBodyAxisRotation', max_angle=0.3),
    dict(type='MAMPNormalize'),
    dict(type='JointToBone', dst='bone'),
    dict(type='TemporalCropResize', clip_len=8, test_mode=True),
    dict(type='FormatPersons', num_persons=2),
    dict(type='PackSkeletonInputs'),
]


@pytest.fixture
def ann_file_20(tmp_path):
    path = tmp_path / 'anno20.pkl'
    with open(path, 'wb') as f:
        pickle.dump(make_annotations(num=8, V=20, T=12), f)
    return str(path)


def test_inline_layout_name_is_not_registered():
    assert LAYOUTS.get(INLINE_LAYOUT['name']) is None
    with pytest.raises(KeyError, match='Unknown skeleton layout'):
        get_layout(INLINE_LAYOUT['name'])


def test_dataset_passes_inline_layout_to_transforms(ann_file_20):
    ds = DATASETS.build(dict(type='SkeletonDataset', ann_file=ann_file_20,
                             layout=INLINE_LAYOUT, pipeline=LAYOUT_PIPELINE))
    assert isinstance(ds.layout, SkeletonLayout)
    assert ds.metainfo['layout'] == 'kinect-v1-inline'
    info = ds.get_data_info(0)
    assert get_layout(info['layout']) == get_layout(INLINE_LAYOUT)
    out = ds[0]
    assert out['inputs'].shape == (2, 8, 20, 3)
    # the metainfo keeps the layout's name (cheap to collate and log)
    assert out['data_samples'].metainfo['layout'] == 'kinect-v1-inline'


@pytest.mark.parametrize('context', ['fork', 'spawn'])
def test_inline_layout_in_dataloader_workers(ann_file_20, context):
    ds = DATASETS.build(dict(type='SkeletonDataset', ann_file=ann_file_20,
                             layout=INLINE_LAYOUT, pipeline=LAYOUT_PIPELINE))
    loader = torch.utils.data.DataLoader(
        ds, batch_size=4, num_workers=1, multiprocessing_context=context,
        collate_fn=pseudo_collate)
    batches = list(loader)
    assert sum(len(b['inputs']) for b in batches) == len(ds)
    for i in range(4):
        sample = batches[0]['data_samples'][i]
        assert sample.metainfo['layout'] == 'kinect-v1-inline'
        torch.testing.assert_close(batches[0]['inputs'][i], ds[i]['inputs'])


def test_inline_layout_flip_uses_its_pairs(ann_file_20):
    """The flip swaps the inline layout's pairs (not NW-UCLA's)."""
    ds = DATASETS.build(dict(
        type='SkeletonDataset', ann_file=ann_file_20, layout=INLINE_LAYOUT,
        pipeline=[dict(type='RandomFlip', p=1.0)]))
    raw = ds.get_data_info(0)['keypoint']
    out = ds[0]['keypoint']
    np.testing.assert_array_equal(out[:, :, 0, 0], -raw[:, :, 1, 0])
    np.testing.assert_array_equal(out[:, :, 19, 0], -raw[:, :, 19, 0])


def test_inline_layout_config_trains(tmp_path, ann_file_20):
    """A config with ``layout = dict(type='SkeletonLayout', ...)`` for its
    dataset and its graph backbone trains through a layout-aware pipeline,
    with a dataloader worker."""
    base = osp.join(REPO_ROOT, 'configs', '_base_', 'default_runtime.py')
    cfg_file = tmp_path / 'inline_layout_cfg.py'
    cfg_file.write_text(textwrap.dedent(f'''
        _base_ = [{base!r}]
        layout = {INLINE_LAYOUT!r}
        train_pipeline = {LAYOUT_PIPELINE!r}
        train_dataloader = dict(
            batch_size=4, num_workers=1, persistent_workers=False,
            sampler=dict(type='DefaultSampler', shuffle=True),
            dataset=dict(type='SkeletonDataset', ann_file={ann_file_20!r},
                         layout=layout, pipeline=train_pipeline))
        model = dict(
            type='SkeletonRecognizer',
            backbone=dict(type='STGCN', layout=layout, width=0.125),
            cls_head=dict(type='ClsHead', num_classes=3, in_channels=32))
        optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.01))
        train_cfg = dict(type='IterBasedTrainLoop', max_iters=2)
        default_hooks = dict(logger=dict(interval=1),
                             checkpoint=dict(interval=2, save_best=None,
                                             by_epoch=False))
    '''))
    cfg = Config.fromfile(str(cfg_file))
    cfg.work_dir = str(tmp_path / 'work')
    runner = RUNNERS.build(cfg)
    assert runner.model.backbone.layout.name == 'kinect-v1-inline'
    runner.train()
    assert osp.exists(osp.join(cfg.work_dir, 'iter_2.pth'))
