import pickle

import numpy as np
import pytest
import torch

from skelbench.datasets import NWUCLADataset, SkeletonDataset
from skelbench.datasets.sources import load_nw_ucla

from ..conftest import make_annotations

PIPELINE = [dict(type='TemporalCropResize', clip_len=16, min_len=4),
            dict(type='RandomEulerRotation'),
            dict(type='FormatPersons', num_persons=2),
            dict(type='PackSkeletonInputs')]


def write(tmp_path, data, name='a.pkl'):
    path = tmp_path / name
    with open(path, 'wb') as f:
        pickle.dump(data, f)
    return str(path)


def test_load_split_and_pack(ann_file):
    ds = SkeletonDataset(ann_file, pipeline=PIPELINE, split='train')
    assert len(ds) == 6 and ds.num_classes == 3
    out = ds[0]
    assert out['inputs'].shape == (2, 16, 25, 3)
    assert out['inputs'].dtype == torch.float32
    sample = out['data_samples']
    assert int(sample.gt_label) == ds.get_data_info(0)['label']
    assert sample.metainfo['sample_idx'] == 0
    assert sample.metainfo['frame_dir'].startswith('S001')


def test_augmentation_is_keyed_by_seed_epoch_and_index(ann_file):
    ds = SkeletonDataset(ann_file, pipeline=PIPELINE, seed=3)
    a, b = ds[1]['inputs'], ds[1]['inputs']
    assert torch.equal(a, b)  # same (seed, epoch, idx)
    assert not torch.equal(ds[1]['inputs'], ds[2]['inputs'][:, :, :, :])
    ds.set_epoch(1)
    assert not torch.equal(a, ds[1]['inputs'])
    other = SkeletonDataset(ann_file, pipeline=PIPELINE, seed=4)
    assert not torch.equal(a, other[1]['inputs'])
    ds.set_epoch(0)
    assert torch.equal(a, ds[1]['inputs'])


def test_epoch_is_shared_with_worker_processes(ann_file):
    ds = SkeletonDataset(ann_file, pipeline=PIPELINE, seed=0)
    loader = torch.utils.data.DataLoader(
        ds, batch_size=None, num_workers=1, persistent_workers=True,
        sampler=[1], collate_fn=lambda x: x)
    first = next(iter(loader))['inputs']
    ds.set_epoch(5)
    fifth = next(iter(loader))['inputs']
    assert torch.equal(fifth, ds[1]['inputs'])
    assert not torch.equal(first, fifth)


def test_subset_epoch_is_shared_with_worker_processes(ann_file):
    """``get_subset`` (label fractions, holdout parts) keeps the epoch
    counter in shared memory, so persistent workers see ``set_epoch``."""
    sub = SkeletonDataset(ann_file, pipeline=PIPELINE).get_subset([1, 2])
    assert sub._epoch.is_shared()
    loader = torch.utils.data.DataLoader(
        sub, batch_size=None, num_workers=1, persistent_workers=True,
        sampler=[0], collate_fn=lambda x: x)
    first = next(iter(loader))['inputs']
    sub.set_epoch(3)
    third = next(iter(loader))['inputs']
    assert torch.equal(third, sub[0]['inputs'])
    assert not torch.equal(first, third)


def test_subset_copies_do_not_share_a_deepcopy_memo(ann_file):
    """mmengine's ``_copy_without_annotation`` has a process-wide default
    ``memo``; an entry whose id is reused would replace a transform of a
    later copy by a stale object. Each subset copies with its own memo."""
    from mmengine.dataset import BaseDataset
    shared_memo = BaseDataset._copy_without_annotation.__defaults__[0]
    before = len(shared_memo)
    for _ in range(3):
        sub = SkeletonDataset(ann_file, pipeline=PIPELINE).get_subset([0])
        assert [type(t).__name__ for t in sub.pipeline.transforms] == [
            'TemporalCropResize', 'RandomEulerRotation', 'FormatPersons',
            'PackSkeletonInputs']
        assert sub[0]['inputs'].shape == (2, 16, 25, 3)
    assert len(shared_memo) == before


@pytest.mark.parametrize('mutate,match', [
    (lambda a: a.pop('keypoint'),
     "missing required field\\(s\\) \\['keypoint'\\]"),
    (lambda a: a.pop('label'), "missing required field\\(s\\) \\['label'\\]"),
    (lambda a: a['keypoint'].__setitem__((0, 3, 4, 1), np.nan),
     'non-finite values .*\\(0, 3, 4, 1\\)'),
    (lambda a: a.__setitem__('keypoint', a['keypoint'][0]),
     'rank 4 \\(M, T, V, C\\)'),
    (lambda a: a.__setitem__('keypoint', a['keypoint'][:, :, :20]),
     'has 20 joints but the layout has 25'),
    (lambda a: a.__setitem__('label', 7), "'label' 7 is out of range"),
    (lambda a: a.__setitem__('label', -1), "'label' -1 is out of range"),
    (lambda a: a.__setitem__('total_frames', 99), "'total_frames' 99"),
    (lambda a: a.__setitem__('keypoint', a['keypoint'].astype(np.int32)),
     'floating point'),
])
def test_bad_annotations_name_the_sample(tmp_path, mutate, match):
    data = make_annotations()
    mutate(data['annotations'][4])
    path = write(tmp_path, data)
    with pytest.raises(ValueError, match=match) as err:
        SkeletonDataset(path, pipeline=[], num_classes=3)
    assert 'sample 4' in str(err.value) and path in str(err.value)


def test_bad_files(tmp_path, ann_file):
    with pytest.raises(FileNotFoundError, match='nope.pkl'):
        SkeletonDataset(str(tmp_path / 'nope.pkl'))
    raw = open(ann_file, 'rb').read()
    trunc = tmp_path / 'trunc.pkl'
    trunc.write_bytes(raw[:len(raw) // 2])
    with pytest.raises(ValueError, match='truncated'):
        SkeletonDataset(str(trunc))
    with pytest.raises(ValueError, match="'annotations'"):
        SkeletonDataset(write(tmp_path, {'foo': 1}, 'x.pkl'))
    with pytest.raises(KeyError, match="unknown split 'xsub_val'.*train"):
        SkeletonDataset(ann_file, split='xsub_val')
    data = make_annotations()
    data['split']['train'].append('ghost')
    with pytest.raises(ValueError, match='ghost'):
        SkeletonDataset(write(tmp_path, data, 'g.pkl'), split='train')
    data = make_annotations()
    data['annotations'][1]['frame_dir'] = data['annotations'][0]['frame_dir']
    with pytest.raises(ValueError, match='duplicated'):
        SkeletonDataset(write(tmp_path, data, 'd.pkl'))
    with pytest.raises(KeyError, match='Unknown skeleton layout'):
        SkeletonDataset(ann_file, layout='kinetics')


def test_mmaction_style_pkl_loads(tmp_path):
    """A pyskl/mmaction2 NTU 3D pkl (float16, no metadata) loads as is."""
    data = make_annotations()
    for a in data['annotations']:
        a['keypoint'] = a['keypoint'].astype(np.float16)
        a.pop('subject')
    ds = SkeletonDataset(write(tmp_path, data), pipeline=PIPELINE,
                         split='val')
    assert ds[0]['inputs'].dtype == torch.float32


def test_nw_ucla_real_files(nw_ucla_root):
    data = load_nw_ucla(nw_ucla_root)
    assert len(data['annotations']) == 1484
    assert len(data['split']['xview_train']) == 1020
    assert len(data['split']['xview_val']) == 464
    assert {a['label'] for a in data['annotations']} == set(range(10))
    one = data['annotations'][0]
    assert one['keypoint'].shape[1:] == (one['total_frames'], 20, 3)
    views = {}
    for a in data['annotations']:
        views.setdefault(a['performance'], set()).add(a['view'])
    assert max(len(v) for v in views.values()) == 3
    ds = NWUCLADataset(nw_ucla_root, split='xview_val', pipeline=[
        dict(type='CenterSkeleton'),
        dict(type='TemporalCropResize', clip_len=32, test_mode=True),
        dict(type='FormatPersons', num_persons=1),
        dict(type='PackSkeletonInputs')])
    assert len(ds) == 464 and ds.metainfo['classes'][0].startswith('pick')
    x = ds[10]['inputs']
    assert x.shape == (1, 32, 20, 3) and torch.isfinite(x).all()
    # centred on the spine joint of the first frame
    kp = ds.get_data_info(10)['keypoint']
    assert abs(float(x[0, 0, 1].abs().max())) < \
        float(np.abs(kp[0, 0, 1]).max())
