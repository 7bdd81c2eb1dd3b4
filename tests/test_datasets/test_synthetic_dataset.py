import torch

from skelbench.datasets import SyntheticSkeletonDataset

PIPELINE = [dict(type='CenterSkeleton'),
            dict(type='TemporalCropResize', clip_len=16, test_mode=True),
            dict(type='FormatPersons', num_persons=2),
            dict(type='PackSkeletonInputs')]


def test_synthetic_dataset_from_config_values():
    gen = dict(num_subjects=4, repeats=1, classes=[0, 'squat', 12])
    val = SyntheticSkeletonDataset(split='xsub_val', generator=gen,
                                   pipeline=PIPELINE, test_mode=True)
    train = SyntheticSkeletonDataset(split='xsub_train', generator=gen,
                                     pipeline=PIPELINE)
    assert val.metainfo['classes'] == ('raise_left_arm', 'squat',
                                       'handshake')
    assert val.num_classes == 3
    subjects = {val.get_data_info(i)['subject'] for i in range(len(val))}
    train_subjects = {train.get_data_info(i)['subject']
                      for i in range(len(train))}
    assert not subjects & train_subjects
    item = val[0]
    assert item['inputs'].shape == (2, 16, 25, 3)
    assert torch.isfinite(item['inputs']).all()
