import pytest
from mmengine.config import Config

from skelbench.datasets import SyntheticSkeletonDataset
from skelbench.evaluation.functional import build_probe_datasets
from skelbench.evaluation.functional.probe_datasets import (
    default_bank_dataloader_cfg, train_split_dataset_cfg)
from skelbench.utils import register_all_modules

GEN = dict(num_subjects=4, repeats=1, classes=['squat', 'bow'])
TEST_PIPELINE = [dict(type='CenterSkeleton'),
                 dict(type='TemporalCropResize', clip_len=16,
                      test_mode=True),
                 dict(type='FormatPersons', num_persons=2),
                 dict(type='PackSkeletonInputs')]


def pretrain_cfg():
    test = dict(batch_size=8, dataset=dict(
        type='SyntheticSkeletonDataset', split='xsub_val', generator=GEN,
        pipeline=TEST_PIPELINE, test_mode=True))
    return Config(dict(
        train_dataloader=dict(batch_size=4, dataset=dict(
            type='SyntheticPretrainDataset', split='xsub_train',
            generator=GEN, num_unlabelled_subjects=8,
            samples_per_epoch=100, pipeline=[])),
        val_dataloader=test, test_dataloader=test))


def test_unlabelled_pretraining_data_is_probed_on_its_labelled_split():
    register_all_modules()
    cfg = pretrain_cfg()
    dataset, _ = train_split_dataset_cfg(cfg)
    assert dataset['type'] == 'SyntheticSkeletonDataset'
    assert dataset['split'] == 'xsub_train' and dataset['test_mode']
    assert 'num_unlabelled_subjects' not in dataset
    train, test = build_probe_datasets(cfg)
    ref = SyntheticSkeletonDataset(split='xsub_train', generator=GEN)
    assert isinstance(train, SyntheticSkeletonDataset) and \
        len(train) == len(ref)
    assert {train.get_data_info(i)['subject']
            for i in range(len(train))} <= {1, 4}
    assert len(train.get_labels()) == len(train)
    bank = default_bank_dataloader_cfg(cfg)
    assert bank['dataset']['type'] == 'SyntheticSkeletonDataset'
    # the generated-only pool is probed on the labelled training split too
    cfg.train_dataloader.dataset.split = None
    dataset, _ = train_split_dataset_cfg(cfg)
    assert dataset['split'] == 'xsub_train'


def test_plain_datasets_are_unchanged():
    register_all_modules()
    cfg = pretrain_cfg()
    cfg.train_dataloader.dataset = dict(
        type='SyntheticSkeletonDataset', split='xsub_train', generator=GEN,
        pipeline=[])
    dataset, _ = train_split_dataset_cfg(cfg)
    assert dataset['type'] == 'SyntheticSkeletonDataset'
    assert dataset['pipeline'] == TEST_PIPELINE
    with pytest.raises(ValueError, match='train_dataloader.dataset'):
        train_split_dataset_cfg(Config(dict(test_dataloader={})))
