"""Label-fraction subsets."""
import json
import pickle

import numpy as np
import pytest

from skelbench.datasets import (HoldoutSubset, LabelFractionSubset,
                                holdout_indices, label_fraction_indices)
from skelbench.registry import DATASETS


def write_ann(path, num_classes=5, per_class=20):
    rng = np.random.default_rng(0)
    annos = []
    for c in range(num_classes):
        for k in range(per_class):
            cam = k % 3 + 1
            annos.append(dict(
                frame_dir=f'S001C{cam:03d}P{k // 3 + 1:03d}R001A{c + 1:03d}',
                label=c, keypoint=rng.normal(size=(2, 6, 25, 3)).astype(
                    np.float32) + cam * 10,
                camera=cam,
                performance=f'S001P{k // 3 + 1:03d}R001A{c + 1:03d}'))
    with open(path, 'wb') as f:
        pickle.dump(dict(annotations=annos), f)
    return str(path)


def test_label_fraction_indices_balanced_and_seeded():
    labels = np.repeat(np.arange(4), [100, 50, 10, 3])
    idx = label_fraction_indices(labels, 0.1, seed=3)
    counts = np.bincount(labels[idx], minlength=4)
    assert counts.tolist() == [10, 5, 1, 1]
    assert np.array_equal(idx, label_fraction_indices(labels, 0.1, seed=3))
    assert not np.array_equal(idx, label_fraction_indices(labels, 0.1, 4))
    assert len(label_fraction_indices(labels, 1.0)) == len(labels)
    with pytest.raises(ValueError):
        label_fraction_indices(labels, 0)


def test_subset_wrapper_save_and_reload(tmp_path):
    ann = write_ann(tmp_path / 'a.pkl')
    cfg = dict(type='SkeletonDataset', ann_file=ann, pipeline=[])
    save = tmp_path / 'ids' / 'sub.json'
    sub = DATASETS.build(dict(type='LabelFractionSubset', dataset=cfg,
                              fraction=0.2, seed=1, save_file=str(save)))
    assert len(sub) == 20
    labels = [sub[i]['label'] for i in range(len(sub))]
    assert np.bincount(labels).tolist() == [4] * 5
    saved = json.loads(save.read_text())
    assert saved['ids'] == sub.ids and saved['digest'] == sub.digest
    # the same on another "rank" (a fresh build) and from the saved file
    again = LabelFractionSubset(cfg, fraction=0.2, seed=1)
    assert again.ids == sub.ids
    reused = LabelFractionSubset(cfg, ids_file=str(save))
    assert reused.ids == sub.ids
    assert sub.metainfo['num_classes'] == 5
    sub.set_epoch(2)  # delegated to the subset dataset
    assert sub.epoch == 2
    (tmp_path / 'bad.txt').write_text('nope\n')
    with pytest.raises(ValueError, match='not in the dataset'):
        LabelFractionSubset(cfg, ids_file=str(tmp_path / 'bad.txt'))


def test_holdout_indices_balanced_disjoint_seeded():
    labels = np.repeat(np.arange(4), [100, 50, 10, 2])
    train, val = holdout_indices(labels, 0.1, seed=5)
    assert np.bincount(labels[val], minlength=4).tolist() == [10, 5, 1, 1]
    assert not set(train) & set(val)
    assert sorted(np.concatenate([train, val]).tolist()) == \
        list(range(len(labels)))
    again = holdout_indices(labels, 0.1, seed=5)
    assert np.array_equal(again[1], val)
    assert not np.array_equal(holdout_indices(labels, 0.1, seed=6)[1], val)
    with pytest.raises(ValueError, match=r'\(0, 1\)'):
        holdout_indices(labels, 1.0)
    with pytest.raises(ValueError, match=r'classes \[1\]'):
        holdout_indices(np.array([0, 0, 0, 1]), 0.3)


def test_holdout_parts_of_one_split(tmp_path):
    """The train and val parts, built separately (as the train and val
    dataloaders, or two ranks, do), are complementary and saved once."""
    ann = write_ann(tmp_path / 'a.pkl')
    cfg = dict(type='SkeletonDataset', ann_file=ann, pipeline=[])
    save = tmp_path / 'holdout.json'
    train = DATASETS.build(dict(type='HoldoutSubset', dataset=cfg,
                                part='train', val_fraction=0.25, seed=2,
                                save_file=str(save)))
    val = HoldoutSubset(cfg, part='val', val_fraction=0.25, seed=2)
    assert (len(train), len(val)) == (75, 25)
    assert not set(train.ids) & set(val.ids)
    # frame_dir ...A{class + 1:03d}
    assert np.bincount([int(i[-3:]) - 1 for i in val.ids]).tolist() == \
        [5] * 5
    saved = json.loads(save.read_text())
    assert saved['val_ids'] == val.ids and saved['train_ids'] == train.ids
    assert saved['digest'] == val.digest == train.digest
    other = HoldoutSubset(cfg, part='val', val_fraction=0.25, seed=3)
    assert other.ids != val.ids
    with pytest.raises(ValueError, match="part must be 'train' or 'val'"):
        HoldoutSubset(cfg, part='test')
