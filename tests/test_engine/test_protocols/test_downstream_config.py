"""The config changes of the downstream protocols."""
import pytest
from mmengine.config import Config

from skelbench.engine.protocols import with_label_fraction


def _cfg(train_dataset):
    return Config(dict(
        train_dataloader=dict(batch_size=4, dataset=train_dataset),
        val_dataloader=dict(dataset=dict(type='SkeletonDataset')),
        val_cfg=dict(type='ValLoop'), val_evaluator=[dict(type='Acc')],
        train_cfg=dict(type='EpochBasedTrainLoop', max_epochs=2,
                       val_interval=1),
        default_hooks=dict(checkpoint=dict(type='CheckpointHook',
                                           save_best='auto'))))


BASE = dict(type='SkeletonDataset', ann_file='a.pkl', split='xsub_train')


def test_label_fraction_wraps_the_training_set():
    out = with_label_fraction(_cfg(dict(BASE)), 0.1, seed=3,
                              save_file='ids.json')
    train = out.train_dataloader.dataset
    assert (train.type, train.fraction, train.seed, train.save_file) == (
        'LabelFractionSubset', 0.1, 3, 'ids.json')
    assert train.dataset.to_dict() == BASE
    assert out.get('val_dataloader') is None and out.get('val_cfg') is None
    assert 'val_interval' not in out.train_cfg


def test_a_semi_recipes_subset_gets_the_protocols_fraction_and_seed():
    """A semi-supervised recipe trains on its own LabelFractionSubset:
    the protocol replaces fraction, seed and ids file and keeps the
    recipe's other settings; it does not subset the subset."""
    recipe = dict(type='LabelFractionSubset', fraction=0.01, seed=0,
                  min_per_class=2, dataset=dict(BASE))
    out = with_label_fraction(_cfg(recipe), 0.05, seed=4,
                              save_file='ids.json')
    train = out.train_dataloader.dataset
    assert (train.type, train.fraction, train.seed, train.min_per_class,
            train.save_file) == ('LabelFractionSubset', 0.05, 4, 2,
                                 'ids.json')
    assert train.dataset.to_dict() == BASE


def test_a_subset_fixed_by_an_ids_file_is_refused():
    recipe = dict(type='LabelFractionSubset', fraction=0.1,
                  ids_file='fixed.json', dataset=dict(BASE))
    with pytest.raises(ValueError, match='ids_file'):
        with_label_fraction(_cfg(recipe), 0.1, seed=1)
