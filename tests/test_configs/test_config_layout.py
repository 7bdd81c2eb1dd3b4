"""How the configs are composed: dataset bases with their class counts,
method configs that take the data from them, no inherited model thrown
away, no config inheriting another method's, and Gong et al.'s Table 5
ablations."""
import ast
import glob
import os.path as osp

import pytest
from mmengine.config import Config

from ..conftest import REPO_ROOT

CONFIG_ROOT = osp.join(REPO_ROOT, 'configs')
ALL_CONFIGS = sorted(
    f for f in glob.glob(osp.join(CONFIG_ROOT, '**', '*.py'), recursive=True)
    if '_base_' not in osp.relpath(f, CONFIG_ROOT).split(osp.sep)[0]
    and not osp.basename(f).startswith('_base_'))
# every file that configs inherit: shared bases and methods' recipes
BASE_FILES = sorted(
    f for f in glob.glob(osp.join(CONFIG_ROOT, '**', '*.py'), recursive=True)
    if f not in ALL_CONFIGS)

# dataset base -> (dataset type, annotation file, split prefix, classes)
DATASET_BASES = {
    'ntu60_xsub': ('SkeletonDataset', 'data/ntu60/ntu60_3danno.pkl',
                   'xsub', 60),
    'ntu60_xview': ('SkeletonDataset', 'data/ntu60/ntu60_3danno.pkl',
                    'xview', 60),
    'ntu120_xsub': ('SkeletonDataset', 'data/ntu120/ntu120_3danno.pkl',
                    'xsub', 120),
    'ntu120_xset': ('SkeletonDataset', 'data/ntu120/ntu120_3danno.pkl',
                    'xset', 120),
    'pku1_xsub': ('SkeletonDataset', 'data/pku_mmd1/pku_mmd1_3danno.pkl',
                  'xsub', 51),
    'pku2_xsub': ('SkeletonDataset', 'data/pku_mmd2/pku_mmd2_3danno.pkl',
                  'xsub', 41),
    'nw_ucla_xview': ('NWUCLADataset', None, 'xview', 10),
    'synthetic_xsub': ('SyntheticSkeletonDataset', None, 'xsub', 14),
    'synthetic_xsub_kinect-noise': ('SyntheticSkeletonDataset', None,
                                    'xsub', 14),
    'synthetic_xsub_secondary-motion': ('SyntheticSkeletonDataset', None,
                                        'xsub', 14),
    # (training dataset, evaluation datasets): an unlabelled pool for
    # pretraining, the labelled splits for validation and test
    'synthetic_xsub_unlabelled': (('SyntheticPretrainDataset',
                                   'SyntheticSkeletonDataset'), None,
                                  'xsub', 14),
}
CLASSES_OF_FILE = {v[1]: v[3] for v in DATASET_BASES.values() if v[1]}
CLASSES_OF_TYPE = {'NWUCLADataset': 10, 'SyntheticSkeletonDataset': 14,
                   'SyntheticPretrainDataset': 14}
LOADERS = ('train_dataloader', 'val_dataloader', 'test_dataloader')


def _id(path):
    return osp.relpath(path, CONFIG_ROOT)


def _bases(path):
    """The ``_base_`` entries of a config file, as absolute paths."""
    tree = ast.parse(open(path, encoding='utf-8').read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                getattr(t, 'id', None) == '_base_' for t in node.targets):
            value = ast.literal_eval(node.value)
            value = [value] if isinstance(value, str) else value
            return [osp.normpath(osp.join(osp.dirname(path), b))
                    for b in value]
    return []


def test_every_dataset_base_exists():
    found = {osp.splitext(osp.basename(f))[0] for f in glob.glob(
        osp.join(CONFIG_ROOT, '_base_', 'datasets', '*.py'))}
    assert found == set(DATASET_BASES)


@pytest.mark.parametrize('name', sorted(DATASET_BASES))
def test_dataset_base_holds_the_data(name):
    """Train / val / test read the dataset's file and split, state its
    class count (checked against the labels by the dataset), and are
    evaluated by top-1 / top-5 accuracy."""
    dataset_type, ann_file, split, classes = DATASET_BASES[name]
    cfg = Config.fromfile(
        osp.join(CONFIG_ROOT, '_base_', 'datasets', f'{name}.py'))
    assert cfg.num_classes == classes
    types = dataset_type if isinstance(dataset_type, tuple) else \
        (dataset_type, dataset_type)
    for key in LOADERS:
        dataset = cfg[key].dataset
        assert dataset.type == types[key != 'train_dataloader'], key
        assert dataset.get('ann_file') == ann_file, key
        assert dataset.num_classes == classes, key
        part = 'train' if key == 'train_dataloader' else 'val'
        assert dataset.split == f'{split}_{part}', key
    assert cfg.test_dataloader.dataset.test_mode
    assert [m.type for m in cfg.val_evaluator] == ['AccMetric']
    steps = [s.type for s in cfg.train_dataloader.dataset.pipeline]
    assert steps[:3] == [s.type for s in cfg.augment]
    assert steps[-1] == 'PackSkeletonInputs'


# datasets that select samples of the dataset they wrap
SUBSET_WRAPPERS = ('LabelFractionSubset', 'HoldoutSubset')
# and the wrapper that groups them by performance (skeleton BYOL)
SUBSET_WRAPPERS += ('MultiViewpointDataset', )


@pytest.mark.parametrize('path', ALL_CONFIGS, ids=_id)
def test_real_data_states_its_class_count(path):
    """Every loader of a real dataset states the dataset's class count (in
    pretraining too), and a classifier has as many outputs."""
    cfg = Config.fromfile(path)
    for key in LOADERS:
        if cfg.get(key) is None:
            continue
        dataset = cfg[key].dataset
        while dataset.type in SUBSET_WRAPPERS:
            dataset = dataset.dataset
        expected = CLASSES_OF_FILE.get(dataset.get('ann_file')) or \
            CLASSES_OF_TYPE.get(dataset.type)
        if dataset.type in ('SyntheticSkeletonDataset',
                            'SyntheticPretrainDataset'):
            assert dataset.get('num_classes') in (None, expected), key
            continue
        assert expected is not None, f'{key}: unknown dataset {dataset}'
        assert dataset.get('num_classes') == expected, key
        head = cfg.model.get('cls_head')
        if head is not None:
            assert head.num_classes == expected


@pytest.mark.parametrize('path', ALL_CONFIGS + BASE_FILES, ids=_id)
def test_no_inherited_model_is_thrown_away(path):
    """No config replaces an inherited model (or one of its backbone /
    neck / head / decoder) with ``_delete_``: bases compose instead."""
    tree = ast.parse(open(path, encoding='utf-8').read())
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and any(
                getattr(t, 'id', None) == 'model' for t in node.targets)):
            continue
        calls = [node.value] if isinstance(node.value, ast.Call) else []
        calls += [kw.value for kw in getattr(node.value, 'keywords', [])
                  if isinstance(kw.value, ast.Call)]
        for call in calls:
            assert '_delete_' not in [kw.arg for kw in call.keywords], \
                f'line {call.lineno}'


@pytest.mark.parametrize('path', ALL_CONFIGS + BASE_FILES, ids=_id)
def test_no_config_inherits_another_method(path):
    """A method's config inherits shared bases (configs/_base_) and its own
    method's files only."""
    rel = _id(path)
    method = rel.split(osp.sep)[0]
    for base in _bases(path):
        assert osp.exists(base), base
        brel = _id(base)
        assert brel.split(osp.sep)[0] in ('_base_', method), \
            f'{rel} inherits {brel}'


TABLE5 = {  # Gong et al. Table 5 row -> its NW-UCLA config, target
    'joint': ('nat-contrast-wo-con-joint', 'joint', 'segment'),
    'motion': ('nat-contrast-wo-con-motion', 'motion', 'segment'),
    'joint + NAT': ('nat-contrast-wo-con', 'joint', 'nat'),
}
UCLA_SUFFIX = '_transformer-l4d128_1xb64-100e_nw-ucla-xview.py'


def _target(cfg):
    steps = [s for s in cfg.train_dataloader.dataset.pipeline
             if s.type == 'GenerateReconstructionTarget']
    assert len(steps) == 1
    return steps[0]


@pytest.mark.parametrize('row', sorted(TABLE5))
def test_table5_ablation_rows(row):
    """Table 5 of Gong et al.: "Contrastive learning is not used for all
    experiments"; the joint and motion targets are normalised per segment
    (eqs. 4 and 6), joint + NAT by eq. 5. Everything else (data,
    augmentation, encoder, budget) is the NAT-contrast NW-UCLA config's."""
    prefix, source, norm = TABLE5[row]
    cfg = Config.fromfile(
        osp.join(CONFIG_ROOT, 'nat_contrast', prefix + UCLA_SUFFIX))
    full = Config.fromfile(
        osp.join(CONFIG_ROOT, 'nat_contrast', 'nat-contrast' + UCLA_SUFFIX))
    assert cfg.model.type == 'MAMP'
    assert 'contrast_head' not in cfg.model
    assert [h.type for h in cfg.custom_hooks] == ['KNNBankHook']
    target = _target(cfg)
    assert (target.source, target.norm) == (source, norm)
    nat = _target(full)
    assert (nat.source, nat.norm) == ('joint', 'nat')
    for key in ('backbone', 'neck', 'head', 'data_preprocessor'):
        assert cfg.model[key] == full.model[key], key
    steps = [s for s in cfg.train_dataloader.dataset.pipeline
             if s.type != 'GenerateReconstructionTarget']
    assert steps == [s for s in full.train_dataloader.dataset.pipeline
                     if s.type != 'GenerateReconstructionTarget']
    for key in ('optim_wrapper', 'param_scheduler', 'train_cfg',
                'val_dataloader', 'val_evaluator', 'default_hooks'):
        assert cfg[key] == full[key], key
