import numpy as np
import pytest

from skelbench.datasets import (SyntheticPretrainDataset,
                                SyntheticSkeletonDataset)
from skelbench.datasets.synthetic import generate_synthetic_dataset
from skelbench.datasets.synthetic.unlabelled import UnlabelledPool

GEN = dict(num_subjects=4, repeats=1, classes=[0, 'squat', 'handshake'])
PIPELINE = [dict(type='CenterSkeleton'),
            dict(type='TemporalCropResize', clip_len=16, test_mode=True),
            dict(type='FormatPersons', num_persons=2),
            dict(type='PackSkeletonInputs')]


def test_pool_subjects_are_new_and_items_deterministic():
    pool = UnlabelledPool(num_unlabelled_subjects=3, **GEN)
    assert len(pool) == 3 * 1 * 3 * 3
    items = [pool[n] for n in range(len(pool))]
    assert {a['subject'] for a in items} == {5, 6, 7}
    assert all('label' not in a for a in items)
    # a window of len(classes) consecutive items has every action
    assert {a['frame_dir'][-3:] for a in items[:3]} == {'001', '002', '003'}
    again = UnlabelledPool(num_unlabelled_subjects=3, **GEN)
    for n in (0, 7, len(pool) - 1):
        np.testing.assert_array_equal(items[n]['keypoint'],
                                      again[n]['keypoint'])
    # the handshake has two actors; the three views of a performance show
    # one motion, from three cameras
    shake = [a for a in items if a['frame_dir'].endswith('A003')]
    assert all(a['keypoint'].shape[0] == 2 for a in shake)
    assert len({a['performance'] for a in items}) == len(items) // 3
    with pytest.raises(IndexError):
        pool[len(pool)]


def test_pool_matches_the_generator():
    """A pool subject is what the generator makes for that subject id."""
    pool = UnlabelledPool(num_subjects=2, num_unlabelled_subjects=2,
                          repeats=1, classes=['squat'], noise_std=0.,
                          drop_joint_prob=0.)
    full = generate_synthetic_dataset(num_subjects=4, repeats=1,
                                      classes=['squat'], noise_std=0.,
                                      drop_joint_prob=0.)
    ref = {a['frame_dir']: a for a in full['annotations']}
    for n in range(len(pool)):
        item = pool[n]
        np.testing.assert_array_equal(item['keypoint'],
                                      ref[item['frame_dir']]['keypoint'])


def test_pretrain_dataset_epochs_and_resume():
    ds = SyntheticPretrainDataset(generator=GEN, num_unlabelled_subjects=4,
                                  pipeline=PIPELINE)
    train = SyntheticSkeletonDataset(split='xsub_train', generator=GEN,
                                     pipeline=PIPELINE)
    val = SyntheticSkeletonDataset(split='xsub_val', generator=GEN,
                                   pipeline=PIPELINE, test_mode=True)
    val_subjects = {val.get_data_info(i)['subject'] for i in range(len(val))}
    assert len(ds) == len(train)
    assert ds.pool_size == len(train) + 4 * 3 * 3
    seen = {}
    for epoch in range(ds.pool_size // len(ds) + 2):
        ds.set_epoch(epoch)
        for i in range(len(ds)):
            info = ds.get_data_info(i)
            assert 'label' not in info
            assert info['subject'] not in val_subjects
            seen.setdefault(info['frame_dir'], info['keypoint'])
    assert len(seen) == ds.pool_size  # every pool item read
    # a rebuilt dataset (a resumed run) reads the same items
    again = SyntheticPretrainDataset(generator=GEN,
                                     num_unlabelled_subjects=4,
                                     pipeline=PIPELINE)
    again.set_epoch(2)
    ds.set_epoch(2)
    for i in range(len(ds)):
        a, b = ds.get_data_info(i), again.get_data_info(i)
        assert a['frame_dir'] == b['frame_dir']
        np.testing.assert_array_equal(a['keypoint'], b['keypoint'])
    item = ds[0]
    assert item['inputs'].shape == (2, 16, 25, 3)
    assert 'gt_label' not in item['data_samples']


def test_pretrain_dataset_options_and_errors():
    only = SyntheticPretrainDataset(split=None, generator=GEN,
                                    num_unlabelled_subjects=2,
                                    samples_per_epoch=5, pipeline=PIPELINE)
    assert len(only) == 5 and only.pool_size == 2 * 3 * 3
    assert all(only.get_data_info(i)['subject'] > 4 for i in range(5))
    for split in ('xview_train', 'xsub_val', 'xview_val'):
        with pytest.raises(ValueError, match='xsub_train'):
            SyntheticPretrainDataset(split=split, generator=GEN)
    with pytest.raises(ValueError, match='samples_per_epoch'):
        SyntheticPretrainDataset(generator=GEN, samples_per_epoch=0)
    with pytest.raises(ValueError, match='num_unlabelled_subjects'):
        SyntheticPretrainDataset(generator=GEN, num_unlabelled_subjects=1)
    with pytest.raises(RuntimeError, match='unlabelled'):
        only.get_labels()


def test_multiviewpoint_wrapper_refuses_the_pool():
    from skelbench.datasets.performances import MultiViewpointDataset
    pool = SyntheticPretrainDataset(generator=GEN, num_unlabelled_subjects=2,
                                    pipeline=PIPELINE)
    with pytest.raises(ValueError, match='every epoch'):
        MultiViewpointDataset(pool)
