"""Skeleton BYOL configs: the paper's views, schedules and ablations, the
semi-supervised and distillation recipes."""
import glob
import os.path as osp

import pytest
from mmengine.config import Config

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


NTU_SPLITS = ['ntu60-xsub', 'ntu60-xview', 'ntu120-xsub', 'ntu120-xset']


@pytest.mark.parametrize('pct,frac,epochs', [('1pct', 0.01, 100),
                                             ('5pct', 0.05, 20),
                                             ('10pct', 0.1, 10)])
@pytest.mark.parametrize('split', NTU_SPLITS)
def test_wide_teacher_semi_recipe(pct, frac, epochs, split):
    """The distillation teachers (§4.4, Tables 3-5): the semi-supervised
    recipe on an ST-GCN x2 encoder."""
    (path, ) = glob.glob(osp.join(DIR, 'benchmarks',
                                  f'semi-{pct}_stgcn-x2_*_{split}.py'))
    cfg = Config.fromfile(path)
    assert cfg.model.backbone.width == 2.
    assert cfg.model.cls_head.in_channels == 512
    ds = cfg.train_dataloader.dataset
    assert ds.type == 'LabelFractionSubset' and ds.fraction == frac
    assert ds.dataset.split == split.split('-')[1] + '_train'
    assert cfg.train_cfg.max_epochs == cfg.param_scheduler[0].T_max == epochs
    assert cfg.train_dataloader.batch_size == 8
    opt = cfg.optim_wrapper
    assert (opt.optimizer.lr, opt.optimizer.weight_decay) == (10., 0.)
    assert opt.paramwise_cfg.custom_keys == {'backbone': dict(lr_mult=1e-3)}
    (hook, ) = cfg.custom_hooks
    assert hook.type == 'FreezeBackboneHook'
    assert hook.frozen_ratio == pytest.approx(1 / 3)
    assert cfg.val_dataloader is None
    x1 = glob.glob(osp.join(DIR, 'benchmarks',
                            f'semi-{pct}_stgcn_*_{split}.py'))
    if x1:  # the x1 recipe of the split, only the width differs
        ref = Config.fromfile(x1[0])
        for key in ('optim_wrapper', 'param_scheduler', 'train_dataloader',
                    'custom_hooks', 'train_cfg'):
            assert cfg[key] == ref[key], key
        assert cfg.model.neck == ref.model.neck


@pytest.mark.parametrize('split', NTU_SPLITS)
def test_distillation_recipe(split):
    """x2 teacher -> x1 student, tau 1, 100 epochs, batch 256, SGD lr 0.2
    cosine to 0, wd 1e-4, momentum 0.9, conservative augmentation; the
    teacher out of the optimizer. Training one iteration against a saved
    teacher: tests/test_configs/test_distill_configs.py."""
    (path, ) = glob.glob(osp.join(
        DIR, 'benchmarks', f'distill_stgcn-x2-to-x1_*_{split}.py'))
    cfg = Config.fromfile(path)
    assert cfg.model.type == 'Distiller'
    assert cfg.model.teacher.backbone.width == 2.
    assert cfg.model.student.backbone.width == 1.
    assert cfg.model.student.cls_head.num_classes == \
        cfg.model.teacher.cls_head.num_classes == \
        (60 if 'ntu60' in split else 120)
    assert cfg.model.loss == dict(type='SoftTargetCrossEntropyLoss', tau=1.0)
    opt = cfg.optim_wrapper
    assert (opt.optimizer.type, opt.optimizer.lr, opt.optimizer.momentum,
            opt.optimizer.weight_decay) == ('SGD', 0.2, 0.9, 1e-4)
    assert opt.constructor == 'TrainableOptimWrapperConstructor'
    (cos, ) = cfg.param_scheduler
    assert cos.type == 'CosineAnnealingLR' and cos.eta_min == 0.
    assert cfg.train_cfg.max_epochs == cos.T_max == 100
    assert cfg.train_dataloader.batch_size * 4 == 256
    ds = cfg.train_dataloader.dataset
    # every training sample, no label fraction
    assert ds.type == 'SkeletonDataset'
    assert ds.split == split.split('-')[1] + '_train'
    assert _types(ds.pipeline) == [
        'BYOLNormalize', 'RandomResample', 'PadTo', 'JointToBone',
        'ConcatStreams', 'FormatPersons', 'PackSkeletonInputs']
