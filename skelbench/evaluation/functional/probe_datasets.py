"""The datasets of the frozen-feature probes and of the kNN bank.

Both score features of the *training split through the test pipeline*
(no augmentation, ``test_mode=True``) against the test split:
:func:`train_split_dataset_cfg` derives that dataset from a run config,
once, for :func:`build_probe_datasets` (the probe tools) and
:func:`default_bank_dataloader_cfg` (:class:`KNNBankHook`).
"""
import copy
from typing import Sequence, Tuple

import numpy as np

from skelbench.registry import DATASETS

__all__ = ['train_split_dataset_cfg', 'build_probe_datasets',
           'default_bank_dataloader_cfg', 'dataset_groups']


SAMPLE_PRESERVING_WRAPPERS = ('MultiViewpointDataset', )


def _loader(cfg, name: str):
    loader = cfg.get(name) if hasattr(cfg, 'get') else None
    return copy.deepcopy(loader) if loader else None


def train_split_dataset_cfg(
        cfg, pipeline_from: Sequence[str] = ('val_dataloader',
                                             'test_dataloader'),
        user: str = 'the probe') -> Tuple[dict, dict]:
    """The training split through an evaluation pipeline.

    Args:
        cfg (Config | dict): A run config.
        pipeline_from (sequence of str): Dataloaders whose
            ``dataset.pipeline`` is taken, the first one that has one.
        user (str): Who needs the dataset, for the error messages.

    Returns:
        tuple[dict, dict]: The dataset config (a copy of
        ``train_dataloader.dataset`` with that ``pipeline`` and
        ``test_mode=True``; for a dataset class with a
        ``labelled_dataset_cfg`` classmethod, such as unlabelled
        pretraining data, the labelled dataset that method returns) and
        the evaluation dataloader config it came from.

    Raises:
        ValueError: Naming the missing field, when the config has no
            training dataset, when it is a wrapper without a ``pipeline``
            (other than :data:`SAMPLE_PRESERVING_WRAPPERS`, whose wrapped
            dataset is used),
            or when none of ``pipeline_from`` has a pipeline.
    """
    train = _loader(cfg, 'train_dataloader')
    if not train or 'dataset' not in train:
        raise ValueError(f'{user} builds the training split from '
                         'train_dataloader.dataset, which the config does '
                         'not have')
    dataset = dict(train['dataset'])
    # wrappers that change how samples are drawn, not which samples the
    # split has: the probe reads the wrapped dataset
    while dataset.get('type') in SAMPLE_PRESERVING_WRAPPERS and \
            isinstance(dataset.get('dataset'), dict):
        dataset = dict(dataset['dataset'])
    # unlabelled pretraining data (e.g. SyntheticPretrainDataset): the
    # probe reads the labelled split the dataset class names
    cls = DATASETS.get(dataset.get('type')) if isinstance(
        dataset.get('type'), str) else dataset.get('type')
    if cls is not None and hasattr(cls, 'labelled_dataset_cfg'):
        dataset = cls.labelled_dataset_cfg(dataset)
    if 'pipeline' not in dataset:
        raise ValueError(
            f'train_dataloader.dataset ({dataset.get("type")}) has no '
            f"'pipeline' (a dataset wrapper?): {user} needs a plain "
            'dataset in the config')
    for name in pipeline_from:
        loader = _loader(cfg, name)
        if loader and 'pipeline' in loader.get('dataset', {}):
            dataset['pipeline'] = loader['dataset']['pipeline']
            dataset['test_mode'] = True
            return dataset, loader
    raise ValueError(f'{user} needs the test pipeline from ' + ' or '.join(
        f'{name}.dataset.pipeline' for name in pipeline_from))


def build_probe_datasets(cfg):
    """``(train, test)`` datasets of the frozen-feature probes: the
    training split through the test pipeline and the test split (both from
    ``test_dataloader``'s pipeline)."""
    train, test_loader = train_split_dataset_cfg(
        cfg, pipeline_from=('test_dataloader', ))
    return DATASETS.build(train), DATASETS.build(test_loader['dataset'])


def default_bank_dataloader_cfg(cfg) -> dict:
    """The kNN bank dataloader of a run config: the training set through
    the test pipeline.

    Dataset = ``cfg.train_dataloader.dataset`` with ``test_mode=True`` and
    the ``pipeline`` of ``cfg.val_dataloader.dataset`` (or of
    ``cfg.test_dataloader.dataset``); batch size and workers of that
    evaluation dataloader; an unshuffled ``DefaultSampler``.

    Raises:
        ValueError: As :func:`train_split_dataset_cfg` (pass the hook a
            ``dataloader`` explicitly for a wrapped training dataset).
    """
    dataset, evaluation = train_split_dataset_cfg(
        cfg, user='KNNBankHook without `dataloader`')
    train = _loader(cfg, 'train_dataloader')
    return dict(batch_size=evaluation.get('batch_size',
                                          train.get('batch_size', 1)),
                num_workers=evaluation.get('num_workers', 0),
                sampler=dict(type='DefaultSampler', shuffle=False),
                dataset=dataset)


def dataset_groups(dataset, key: str) -> np.ndarray:
    """``(N,)`` value of data-info ``key`` (e.g. ``view``) of every sample.

    Raises:
        KeyError: If a sample has no ``key``, naming the sample and the
            keys it has.
    """
    values = []
    for i in range(len(dataset)):
        info = dataset.get_data_info(i)
        if key not in info:
            raise KeyError(f'--group-key {key!r}: sample {i} of the train '
                           f'split has no such key (it has '
                           f'{sorted(k for k in info if k != "keypoint")})')
        values.append(info[key])
    return np.asarray(values)
