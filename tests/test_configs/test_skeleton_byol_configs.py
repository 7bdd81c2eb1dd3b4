"""Skeleton BYOL configs: the paper's views, schedules and ablations, the
semi-supervised and distillation recipes."""
import glob
import os.path as osp

import pytest
import torch
from mmengine.config import Config

from skelbench.registry import MODELS, RUNNERS

from ..conftest import REPO_ROOT

DIR = osp.join(REPO_ROOT, 'configs', 'skeleton_byol')
PAPER = sorted(glob.glob(osp.join(DIR, 'skeleton-byol_stgcn_4xb128-*.py')))
UCLA = 'stgcn-x025_1xb64-30e_nw-ucla-xview.py'


def _types(pipeline):
    return [s['type'] for s in pipeline]


def _views(cfg):
    ds = cfg.train_dataloader.dataset
    pipeline = ds.get('dataset', ds).pipeline
    mv = [s for s in pipeline if s['type'] == 'MultiView']
    assert len(mv) == 1
    return pipeline, mv[0]['pipelines']


def test_paper_configs_cover_the_datasets():
    assert [osp.basename(p).rsplit('_', 1)[1] for p in PAPER] == [
        'ntu120-xset.py', 'ntu120-xsub.py', 'ntu60-xsub.py',
        'ntu60-xview.py', 'pku1-xsub.py', 'pku2-xsub.py']


@pytest.mark.parametrize('path', PAPER, ids=osp.basename)
def test_paper_recipe(path):
    cfg = Config.fromfile(path)
    ds = cfg.train_dataloader.dataset
    assert ds.type == 'MultiViewpointDataset'
    assert ds.iterate == 'performance'
    pipeline, (t1, t2) = _views(cfg)
    assert pipeline[0] == dict(type='MultiViewpointSampling', num_views=2,
                               include_self=True, replace=True)
    # T1: resampling, filtering, shear, shift, left/right drop; T2:
    # resampling only; both cropped / repeated to 150 frames after the
    # canonical rotation
    assert _types(t1) == [
        'BYOLNormalize', 'RandomResample', 'PadTo', 'SavitzkyGolayFilter',
        'RandomShear', 'RandomTemporalShift', 'JointToBone',
        'ConcatStreams', 'RandomSideDrop', 'FormatPersons']
    assert _types(t2) == ['BYOLNormalize', 'RandomResample', 'PadTo',
                          'JointToBone', 'ConcatStreams', 'FormatPersons']
    assert t1[1]['rate_range'] == t2[1]['rate_range'] == (0.7, 1.3)
    assert t1[2]['length'] == t2[2]['length'] == 150
    assert t1[2]['mode'] == 'repeat'
    assert (t1[3]['window_length'], t1[3]['polyorder'], t1[3]['p']) == (
        15, 2, 0.5)
    assert t1[4]['shear'] == 1.0 and t1[5]['max_shift'] == 150
    assert t1[8]['p'] == 0.5
    # model, EMA and schedule
    assert cfg.model.type == 'SkeletonBYOL'
    assert cfg.model.backbone.type == 'STGCN'
    assert cfg.model.backbone.in_channels == 6
    assert (cfg.model.base_momentum, cfg.model.end_momentum) == (0.99, 1.0)
    assert cfg.model.target_bn == 'momentum'
    assert [h.type for h in cfg.custom_hooks] == ['MomentumUpdateHook']
    opt = cfg.optim_wrapper.optimizer
    assert (opt.type, opt.lr, opt.momentum, opt.weight_decay) == (
        'SGD', 0.2, 0.9, 1e-4)
    warm, cos = cfg.param_scheduler
    assert warm.start_factor * opt.lr == pytest.approx(1e-6)
    assert warm.end == 10 and cos.eta_min == 0
    epochs = 4800 if 'pku2' in path else 1600
    assert cfg.train_cfg.max_epochs == cos.end == epochs
    assert cfg.train_dataloader.batch_size * 4 == 512


def test_linear_probe_recipe():
    cfg = Config.fromfile(osp.join(
        DIR, 'benchmarks', 'linear-probe_stgcn_4xb64-100e_ntu60-xsub.py'))
    opt = cfg.optim_wrapper.optimizer
    assert (opt.lr, opt.momentum, opt.weight_decay) == (30., 0.9, 0.)
    (step, ) = cfg.param_scheduler
    assert step.milestones == [60, 80] and step.gamma == 0.1
    assert cfg.train_cfg.max_epochs == 100
    assert cfg.train_dataloader.batch_size * 4 == 256
    # conservative augmentation only
    assert _types(cfg.train_dataloader.dataset.pipeline) == [
        'BYOLNormalize', 'RandomResample', 'PadTo', 'JointToBone',
        'ConcatStreams', 'FormatPersons', 'PackSkeletonInputs']
    assert cfg.model.backbone.frozen_stages == 10
    assert 'KNNMetric' in [m.type for m in cfg.val_evaluator]


@pytest.mark.parametrize('pct,frac,epochs', [('1pct', 0.01, 100),
                                             ('5pct', 0.05, 20),
                                             ('10pct', 0.1, 10)])
@pytest.mark.parametrize('split', ['ntu60-xsub', 'ntu60-xview'])
def test_semi_recipe(pct, frac, epochs, split):
    (path, ) = glob.glob(osp.join(DIR, 'benchmarks',
                                  f'semi-{pct}_stgcn_*_{split}.py'))
    cfg = Config.fromfile(path)
    ds = cfg.train_dataloader.dataset
    assert ds.type == 'LabelFractionSubset' and ds.fraction == frac
    assert ds.dataset.split == split.split('-')[1] + '_train'
    assert cfg.train_cfg.max_epochs == epochs
    assert cfg.param_scheduler[0].T_max == epochs
    assert cfg.train_dataloader.batch_size == 8
    opt = cfg.optim_wrapper
    assert (opt.optimizer.lr, opt.optimizer.weight_decay) == (10., 0.)
    assert opt.paramwise_cfg.custom_keys == {'backbone': dict(lr_mult=1e-3)}
    (hook, ) = cfg.custom_hooks
    assert hook.type == 'FreezeBackboneHook'
    assert hook.frozen_ratio == pytest.approx(1 / 3)
    assert cfg.model.backbone.frozen_stages == -1


def test_ablations_change_only_the_views_or_the_sampling():
    full = Config.fromfile(osp.join(DIR, 'skeleton-byol_' + UCLA))
    _, (t1, t2) = _views(full)
    assert t1 != t2
    for name, mvs, sym in (('skeleton-byol-no-mvs_', False, False),
                           ('skeleton-byol-sym_', True, True),
                           ('skeleton-byol-no-mvs-sym_', False, True)):
        cfg = Config.fromfile(osp.join(DIR, name + UCLA))
        ds = cfg.train_dataloader.dataset
        assert (ds.type == 'MultiViewpointDataset') == mvs, name
        pipeline, views = _views(cfg)
        assert (pipeline[0]['type'] == 'MultiViewpointSampling') == mvs
        assert views == ([t1, t1] if sym else [t1, t2]), name
        assert cfg.model == full.model
        assert cfg.optim_wrapper == full.optim_wrapper
        assert cfg.param_scheduler == full.param_scheduler


def test_distillation_trains_one_iteration(tmp_path):
    """The wider-teacher recipe: a saved ST-GCN x2 teacher is loaded and a
    x1 student is trained against it for one iteration."""
    cfg = Config.fromfile(osp.join(
        DIR, 'benchmarks', 'distill_stgcn-x2-to-x1_4xb64-100e_ntu60-xsub.py'))
    assert cfg.model.type == 'Distiller'
    assert cfg.model.teacher.backbone.width == 2.
    assert cfg.model.student.backbone.width == 1.
    assert cfg.model.loss == dict(type='SoftTargetCrossEntropyLoss', tau=1.0)
    opt = cfg.optim_wrapper.optimizer
    assert (opt.lr, opt.weight_decay) == (0.2, 1e-4)
    teacher = MODELS.build(cfg.model.teacher)
    ckpt = tmp_path / 'teacher.pth'
    torch.save(dict(state_dict=teacher.state_dict()), ckpt)
    cfg.model.teacher_checkpoint = str(ckpt)
    cfg.work_dir = str(tmp_path / 'work')
    cfg.train_cfg = dict(type='IterBasedTrainLoop', max_iters=1)
    cfg.train_dataloader.batch_size = 2
    cfg.train_dataloader.num_workers = 0
    cfg.train_dataloader.persistent_workers = False
    cfg.train_dataloader.dataset = dict(
        type='SyntheticSkeletonDataset', split='xsub_train',
        generator=dict(seed=0), indices=4,
        pipeline=cfg.train_dataloader.dataset.pipeline)
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
    assert 'train/loss' in runner.message_hub.log_scalars
    loaded = runner.model.teacher.state_dict()
    for k, v in teacher.state_dict().items():
        assert torch.equal(loaded[k], v), k
