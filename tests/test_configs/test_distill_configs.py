"""Every distillation config: its teacher is the model its fine-tuning
config trains (the checkpoint loads), and it trains one iteration against
a saved teacher, which stays unchanged and out of the optimizer."""
import glob
import os.path as osp

import pytest
import torch
from mmengine.config import Config

from skelbench.engine.protocols import teacher_model
from skelbench.registry import MODELS, RUNNERS

from ..conftest import NW_UCLA_ROOT, REPO_ROOT

# the method folders' configs (configs/_base_/benchmarks holds the bases)
DISTILL = sorted(
    p for p in glob.glob(osp.join(REPO_ROOT, 'configs', '*', 'benchmarks',
                                  'distill_*.py')) if '/_base_/' not in p)


def _id(path):
    return osp.relpath(path, osp.join(REPO_ROOT, 'configs'))


def teacher_configs(path):
    """The fine-tuning configs whose checkpoints teach ``path``: skeleton
    BYOL's x2 semi-supervised configs of the split, else the folder's
    4 x 128 fine-tune config of the data."""
    bench = osp.dirname(path)
    data = osp.basename(path).rsplit('_', 1)[1]
    if '/skeleton_byol/' in path:
        pattern = f'semi-*pct_stgcn-x2_*_{data}'
    else:
        pattern = f'finetune_*_transformer-l4d128_*_{data}'
    return sorted(glob.glob(osp.join(bench, pattern)))


def test_distill_configs_found():
    names = [_id(p) for p in DISTILL]
    for method in ('mamp', 'sjepa', 'nat_contrast'):
        for data in ('synthetic-xsub', 'nw-ucla-xview'):
            assert any(n.startswith(f'{method}/') and n.endswith(
                f'_{data}.py') for n in names), (method, data)
    byol = [n for n in names if n.startswith('skeleton_byol/')]
    assert [n.rsplit('_', 1)[1] for n in byol] == [
        'ntu120-xset.py', 'ntu120-xsub.py', 'ntu60-xsub.py',
        'ntu60-xview.py']


def _shapes(model):
    return {k: tuple(v.shape) for k, v in model.state_dict().items()}


@pytest.mark.parametrize('path', DISTILL, ids=_id)
def test_the_teacher_is_the_fine_tuned_model(path):
    cfg = Config.fromfile(path)
    assert cfg.model.type == 'Distiller'
    assert cfg.model.teacher_checkpoint is None  # given per run
    assert cfg.model.loss.type == 'SoftTargetCrossEntropyLoss'
    assert cfg.model.loss.tau == 1.0
    model = MODELS.build(cfg.model)
    teachers = teacher_configs(path)
    assert len(teachers) == (3 if '/skeleton_byol/' in path else 1)
    for teacher in teachers:
        fine_tuned = MODELS.build(teacher_model(Config.fromfile(teacher)))
        assert _shapes(fine_tuned) == _shapes(model.teacher), _id(teacher)
    if '/skeleton_byol/' not in path:
        # the transformer pair: 4 x 128 -> 2 x 64, the teacher exactly the
        # fine-tune config's model
        own = cfg.model.teacher
        assert own.backbone.pop('init_cfg', None) is None
        assert own == teacher_model(Config.fromfile(teachers[0]))
        student = cfg.model.student.backbone
        assert (student.depth, student.embed_dims) == (2, 64)
        assert student.get('init_cfg') is None
        # the fine-tune recipe from scratch: layer decay 1 over the
        # student's encoder, the same data, schedule and epochs
        finetune = Config.fromfile(teachers[0])
        assert cfg.optim_wrapper.optimizer == finetune.optim_wrapper.optimizer
        assert cfg.optim_wrapper.paramwise_cfg == dict(
            layer_decay_rate=1.0, backbone_name='student.backbone')
        for key in ('param_scheduler', 'train_cfg', 'train_dataloader',
                    'test_dataloader', 'test_evaluator'):
            assert cfg[key] == finetune[key], key


def _synthetic_instead_of(dataset: dict) -> dict:
    assert dataset.type == 'SkeletonDataset'
    return dict(type='SyntheticSkeletonDataset', split='xsub_train',
                generator=dict(seed=0), pipeline=dataset.pipeline)


@pytest.mark.parametrize('path', DISTILL, ids=_id)
def test_distill_config_trains_one_iteration(path, tmp_path, request):
    """Paper-scale configs on the synthetic data of their layout, the
    small ones on their own data (NW-UCLA: the ``nw_ucla_root`` fixture,
    which fails under CI when the data is missing)."""
    if 'nw-ucla' in path:
        request.getfixturevalue('nw_ucla_root')
    cfg = Config.fromfile(path)
    torch.manual_seed(1)
    teacher = MODELS.build(teacher_model(Config.fromfile(
        teacher_configs(path)[0])))
    ckpt = tmp_path / 'teacher.pth'
    torch.save(dict(state_dict=teacher.state_dict(), meta={}), ckpt)
    cfg.model.teacher_checkpoint = str(ckpt)
    dataset = cfg.train_dataloader.dataset
    if dataset.type == 'SkeletonDataset':
        cfg.train_dataloader.dataset = _synthetic_instead_of(dataset)
    elif 'nw-ucla' in path:
        dataset.data_root = NW_UCLA_ROOT
    cfg.train_dataloader.dataset.indices = 4
    cfg.work_dir = str(tmp_path / 'work')
    cfg.train_cfg = dict(type='IterBasedTrainLoop', max_iters=1)
    cfg.train_dataloader.batch_size = 2
    cfg.train_dataloader.num_workers = 0
    cfg.train_dataloader.persistent_workers = False
    for key in ('val_dataloader', 'val_cfg', 'val_evaluator',
                'test_dataloader', 'test_cfg', 'test_evaluator'):
        cfg[key] = None
    cfg.param_scheduler = []
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook',
                                        interval=1000)
    cfg.default_hooks.logger = dict(type='LoggerHook', interval=1)
    cfg.log_level = 'WARNING'
    runner = RUNNERS.build(cfg)
    runner.train()
    scalars = runner.message_hub.log_scalars
    assert 'train/loss' in scalars and 'train/teacher_agreement' in scalars
    model = runner.model
    assert not model.teacher.training
    for k, v in teacher.state_dict().items():
        assert torch.equal(model.teacher.state_dict()[k], v), k
    in_optimizer = {id(p) for g in runner.optim_wrapper.optimizer.param_groups
                    for p in g['params']}
    assert in_optimizer == {id(p) for p in model.student.parameters()}
