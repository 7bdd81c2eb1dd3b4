"""Every self-supervised config builds its model; the synthetic and
NW-UCLA pretraining configs run one training iteration."""
import glob
import os.path as osp

import pytest
from mmengine.config import Config

from skelbench.evaluation.functional.probe_datasets import \
    default_bank_dataloader_cfg
from skelbench.registry import MODELS, RUNNERS

from ..conftest import NW_UCLA_ROOT, REPO_ROOT

METHODS = ('mamp', 'sjepa', 'nat_contrast', 'skeleton_mae', 'isc',
           'skeleton_byol')
# runnable configs; ``_base_*.py`` files are a method's data-free recipes
CONFIGS = sorted(
    f for m in METHODS
    for f in glob.glob(osp.join(REPO_ROOT, 'configs', m, '**', '*.py'),
                       recursive=True)
    if not osp.basename(f).startswith('_base_'))
PRETRAIN_SMALL = [f for f in CONFIGS if 'benchmarks' not in f and (
    'synthetic' in f or 'nw-ucla' in f)]


def _id(path):
    return osp.relpath(path, osp.join(REPO_ROOT, 'configs'))


def test_configs_found():
    assert len(CONFIGS) >= 30
    for m in METHODS:
        assert any(f'/{m}/' in f and 'synthetic' in f for f in CONFIGS)
        assert any(f'/{m}/' in f and 'nw-ucla' in f for f in CONFIGS)


@pytest.mark.parametrize('path', CONFIGS, ids=_id)
def test_config_builds_model(path):
    cfg = Config.fromfile(path)
    model = MODELS.build(cfg.model)
    assert sum(p.numel() for p in model.parameters()) > 0


# datasets that select samples of the dataset they wrap, and the wrapper
# that groups them by performance (skeleton BYOL)
SUBSET_WRAPPERS = ('LabelFractionSubset', 'HoldoutSubset',
                   'MultiViewpointDataset')


def _has_knn(cfg) -> bool:
    evaluators = []
    for key in ('val_evaluator', 'test_evaluator'):
        ev = cfg.get(key) or []
        evaluators += ev if isinstance(ev, (list, tuple)) else [ev]
    return any(isinstance(e, dict) and e.get('type') == 'KNNMetric'
               for e in evaluators)


@pytest.mark.parametrize('path', CONFIGS, ids=_id)
def test_knn_bank_dataloader_of_every_config_builds(path):
    """Validation with a kNN metric needs the training split through the
    test pipeline (KNNBankHook); the one-iteration runs skip validation."""
    cfg = Config.fromfile(path)
    if not _has_knn(cfg):
        return
    loader = default_bank_dataloader_cfg(cfg)
    assert loader['dataset']['test_mode'] is True
    assert 'pipeline' in loader['dataset']


def _innermost(dataset: dict) -> dict:
    while dataset.type in SUBSET_WRAPPERS:
        dataset = dataset.dataset
    return dataset


def _train_one_iteration(cfg, work_dir, ssl=True):
    """Run one training iteration of ``cfg`` (batch 2, no validation);
    check the loss (and for a self-supervised model the collapse
    statistic) is logged and an EMA encoder took its step."""
    cfg.work_dir = str(work_dir)
    cfg.train_cfg = dict(type='IterBasedTrainLoop', max_iters=1)
    cfg.train_dataloader.batch_size = 2
    cfg.train_dataloader.num_workers = 0
    cfg.train_dataloader.persistent_workers = False
    _innermost(cfg.train_dataloader.dataset).indices = 4
    for key in ('val_dataloader', 'val_cfg', 'val_evaluator',
                'test_dataloader', 'test_cfg', 'test_evaluator'):
        cfg[key] = None
    cfg.custom_hooks = [h for h in cfg.get('custom_hooks', [])
                        if h['type'] != 'KNNBankHook']
    cfg.param_scheduler = []
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook',
                                        interval=1000)
    cfg.default_hooks.logger = dict(type='LoggerHook', interval=1)
    cfg.log_level = 'WARNING'
    runner = RUNNERS.build(cfg)
    runner.train()
    scalars = runner.message_hub.log_scalars
    assert 'train/loss' in scalars
    assert 'train/feat_std' in scalars or not ssl
    if any(h['type'] == 'MomentumUpdateHook' for h in cfg.custom_hooks):
        model = runner.model
        ema = getattr(model, 'target_backbone', None) or \
            getattr(model, 'target_net', None) or \
            model.momentum_backbone
        assert int(ema.steps) == 1


@pytest.mark.parametrize('path', PRETRAIN_SMALL, ids=_id)
def test_config_trains_one_iteration(path, tmp_path):
    if 'nw-ucla' in path and not osp.isdir(osp.join(NW_UCLA_ROOT,
                                                    'all_sqe')):
        pytest.skip('NW-UCLA data not available')
    cfg = Config.fromfile(path)
    if 'nw-ucla' in path:
        _innermost(cfg.train_dataloader.dataset).data_root = NW_UCLA_ROOT
    _train_one_iteration(cfg, tmp_path)


PAPER_DATASETS = {  # name in the file -> (annotation file, split, classes)
    'ntu60-xsub': ('data/ntu60/ntu60_3danno.pkl', 'xsub', 60),
    'ntu60-xview': ('data/ntu60/ntu60_3danno.pkl', 'xview', 60),
    'ntu120-xsub': ('data/ntu120/ntu120_3danno.pkl', 'xsub', 120),
    'ntu120-xset': ('data/ntu120/ntu120_3danno.pkl', 'xset', 120),
    'pku1-xsub': ('data/pku_mmd1/pku_mmd1_3danno.pkl', 'xsub', 51),
    'pku2-xsub': ('data/pku_mmd2/pku_mmd2_3danno.pkl', 'xsub', 41),
}
PAPER_PROBES = [f for f in CONFIGS if 'benchmarks' in f and
                'linear-probe' in f and any(
                    f.endswith(f'_{d}.py') for d in PAPER_DATASETS)]
PAPER_FINETUNES = [f for f in CONFIGS if 'benchmarks' in f and
                   'finetune' in f and any(
                       f.endswith(f'_{d}.py') for d in PAPER_DATASETS)]
PAPER_SEMI = [f for f in CONFIGS if 'benchmarks' in f and
              osp.basename(f).startswith('semi-') and any(
                  f.endswith(f'_{d}.py') for d in PAPER_DATASETS)]
SMALL_FINETUNES = [f for f in CONFIGS if 'benchmarks' in f and
                   'finetune' in osp.basename(f) and (
                       'synthetic' in f or 'nw-ucla' in f)]
SMALL_PROBES = [f for f in CONFIGS if 'benchmarks' in f and
                osp.basename(f).startswith('linear-probe') and (
                    'synthetic' in f or 'nw-ucla' in f)]


# every method has its protocol configs in its own folder
PROTOCOL_DIR = {m: m for m in METHODS}
PAPER_PRETRAIN = [f for f in CONFIGS if 'benchmarks' not in f and any(
    f.endswith(f'_{d}.py') for d in PAPER_DATASETS)]


def test_every_paper_pretraining_config_has_a_linear_probe():
    """Each method's NTU / PKU pretraining config has the matching
    linear-probe config in its own folder."""
    protocol_dir = PROTOCOL_DIR
    for f in CONFIGS:
        if 'benchmarks' in f:
            continue
        method = osp.basename(osp.dirname(f))
        for d in PAPER_DATASETS:
            if f.endswith(f'_{d}.py'):
                probes = [p for p in PAPER_PROBES if p.endswith(f'_{d}.py')
                          and f'/{protocol_dir[method]}/' in p]
                assert probes, f'no linear probe for {_id(f)}'


def test_every_skeleton_mae_paper_config_has_a_finetune():
    """SkeletonMAE reports fine-tuning (label smoothing 0.1) on every
    split it pretrains on."""
    for f in PAPER_PRETRAIN:
        if '/skeleton_mae/' not in f:
            continue
        split = next(d for d in PAPER_DATASETS if f.endswith(f'_{d}.py'))
        finetunes = [p for p in PAPER_FINETUNES if '/skeleton_mae/' in p
                     and p.endswith(f'_{split}.py')]
        assert finetunes, f'no fine-tune config for {_id(f)}'
        cfg = Config.fromfile(finetunes[0])
        assert cfg.model.cls_head.loss.label_smoothing == 0.1
        assert cfg.model.backbone.frozen_stages == -1


def _backbone_shapes(cfg):
    model = MODELS.build(cfg.model)
    return {k: tuple(v.shape) for k, v in model.backbone.state_dict().items()}


@pytest.mark.parametrize('path', PRETRAIN_SMALL, ids=_id)
def test_small_config_has_a_matching_linear_probe(path):
    """Each synthetic / NW-UCLA pretraining config has a linear-probe
    benchmark of its method on the same data whose frozen backbone takes
    the pretrained encoder's weights as they are (same keys and shapes:
    what extract_backbone.py writes loads without a missing key)."""
    data = 'synthetic-xsub' if 'synthetic' in path else 'nw-ucla-xview'
    bench = osp.join(osp.dirname(path), 'benchmarks')
    probes = sorted(glob.glob(osp.join(bench, f'linear-probe_*_{data}.py')))
    assert probes, f'no {data} linear probe beside {_id(path)}'
    pretrained = _backbone_shapes(Config.fromfile(path))
    matches = []
    for probe in probes:
        cfg = Config.fromfile(probe)
        cfg.model.backbone.pop('init_cfg', None)
        if _backbone_shapes(cfg) == pretrained:
            matches.append(probe)
    assert matches, (f'no linear probe in {_id(bench)} takes the backbone '
                     f'of {_id(path)}')


@pytest.mark.parametrize('path', PAPER_PRETRAIN, ids=_id)
def test_paper_config_trains_one_iteration(path, tmp_path):
    """The paper-scale recipe (full-size model, the paper's pipeline and
    optimiser) runs a training iteration: the NTU / PKU-MMD annotation
    file is replaced by the built-in synthetic data, which has their
    layout (nturgb+d, 25 joints, 2 actors)."""
    cfg = Config.fromfile(path)
    holder = cfg.train_dataloader
    while holder.dataset.type in SUBSET_WRAPPERS:
        holder = holder.dataset
    holder.dataset = _synthetic_instead_of(holder.dataset)
    _train_one_iteration(cfg, tmp_path)


def _synthetic_instead_of(dataset: dict) -> dict:
    assert dataset.type == 'SkeletonDataset' and dataset.ann_file.startswith(
        'data/')
    return dict(type='SyntheticSkeletonDataset', split='xsub_train',
                generator=dict(seed=0), pipeline=dataset.pipeline)


@pytest.mark.parametrize('path', PAPER_PROBES + PAPER_FINETUNES + PAPER_SEMI,
                         ids=_id)
def test_paper_benchmark_trains_one_iteration(path, tmp_path):
    """The paper-scale linear probe / fine-tune / semi-supervised
    fine-tune runs a training iteration (no pretrained weights; synthetic
    data of the NTU layout inside the label-fraction subset)."""
    cfg = Config.fromfile(path)
    cfg.model.backbone.pop('init_cfg', None)
    holder = cfg.train_dataloader
    while holder.dataset.type in SUBSET_WRAPPERS:
        holder = holder.dataset
    holder.dataset = _synthetic_instead_of(holder.dataset)
    _train_one_iteration(cfg, tmp_path, ssl=False)


def test_semi_configs_cover_the_papers_fractions():
    """1 % and 10 % of NTU60 xsub / xview for MAMP, S-JEPA and NAT, each the
    fine-tune recipe of its folder on a seeded label fraction."""
    for method in ('mamp', 'sjepa', 'nat_contrast'):
        for split in ('ntu60-xsub', 'ntu60-xview'):
            for pct, frac in (('1pct', 0.01), ('10pct', 0.1)):
                found = [f for f in PAPER_SEMI if f'/{method}/' in f and
                         f'semi-{pct}_' in f and f.endswith(f'_{split}.py')]
                assert len(found) == 1, (method, split, pct)
                cfg = Config.fromfile(found[0])
                ds = cfg.train_dataloader.dataset
                assert ds.type == 'LabelFractionSubset'
                assert ds.fraction == frac and ds.seed == 0
                assert ds.dataset.split == split.split('-')[1] + '_train'
                assert cfg.val_dataloader is None


@pytest.mark.parametrize('path', SMALL_FINETUNES + SMALL_PROBES, ids=_id)
def test_small_benchmark_trains_one_iteration(path, tmp_path):
    """The CPU-sized fine-tune / from-scratch / linear-probe configs
    (synthetic, NW-UCLA) run a training iteration on their own data."""
    if 'nw-ucla' in path and not osp.isdir(osp.join(NW_UCLA_ROOT,
                                                    'all_sqe')):
        pytest.skip('NW-UCLA data not available')
    cfg = Config.fromfile(path)
    cfg.model.backbone.pop('init_cfg', None)
    if 'nw-ucla' in path:
        cfg.train_dataloader.dataset.data_root = NW_UCLA_ROOT
    _train_one_iteration(cfg, tmp_path, ssl=False)


@pytest.mark.parametrize('path', PAPER_PRETRAIN, ids=_id)
def test_paper_benchmarks_take_the_pretrained_backbone(path):
    """The paper-scale linear probe (and SkeletonMAE's fine-tune) of a
    pretraining split builds the same backbone (keys and shapes)."""
    method = osp.basename(osp.dirname(path))
    split = next(d for d in PAPER_DATASETS if path.endswith(f'_{d}.py'))
    benches = [p for p in PAPER_PROBES + PAPER_FINETUNES
               if f'/{PROTOCOL_DIR[method]}/' in p and
               p.endswith(f'_{split}.py')]
    assert benches
    pretrained = _backbone_shapes(Config.fromfile(path))
    for bench in benches:
        cfg = Config.fromfile(bench)
        cfg.model.backbone.pop('init_cfg', None)
        assert _backbone_shapes(cfg) == pretrained, _id(bench)


@pytest.mark.parametrize('path', PAPER_PROBES + PAPER_FINETUNES, ids=_id)
def test_paper_probe_dataset_fields(path):
    """Train / val / test / kNN bank read the same file and matching
    splits, and the classifier and every dataset have the dataset's number
    of classes."""
    cfg = Config.fromfile(path)
    ann, split, classes = next(v for k, v in PAPER_DATASETS.items()
                               if path.endswith(f'_{k}.py'))
    assert cfg.train_dataloader.dataset.ann_file == ann
    assert cfg.train_dataloader.dataset.split == f'{split}_train'
    for key in ('val_dataloader', 'test_dataloader'):
        assert cfg[key].dataset.ann_file == ann, key
        assert cfg[key].dataset.split == f'{split}_val', key
    for key in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        assert cfg[key].dataset.num_classes == classes, key
    assert cfg.model.cls_head.num_classes == classes
    banks = [h for h in cfg.get('custom_hooks', [])
             if h['type'] == 'KNNBankHook']
    assert all(h.get('dataloader') is None for h in banks)  # follows train


def _views_after_masking(pipeline):
    """The view pipelines of every MultiView that follows a masking step."""
    masked = False
    for step in pipeline:
        if step['type'] in ('MotionAwareMasking', 'RandomTokenMasking',
                            'SpatioTemporalMasking'):
            masked = True
        if step['type'] == 'MultiView' and masked:
            yield from step['pipelines']


@pytest.mark.parametrize(
    'path', [f for f in CONFIGS if '/sjepa/' in f and 'benchmarks' not in f],
    ids=_id)
def test_sjepa_views_keep_joint_indices(path):
    """The mask indexes token positions of view 0: a view transform that
    permutes joints (a left/right swap) would hide other body joints in
    the view than in the target, and show a masked joint's mirror image
    (configs/sjepa/README.md)."""
    cfg = Config.fromfile(path)
    views = list(_views_after_masking(cfg.train_dataloader.dataset.pipeline))
    assert views, 'no view pipeline after the masking step'
    for view in views:
        for step in view:
            if step['type'] == 'RandomFlip':
                assert step.get('swap_joints', True) is False, step


def test_skeleton_mae_fewer_label_configs():
    """SkeletonMAE's Table 5: 5 % and 10 % of NTU60 / NTU120, its
    fine-tune recipe (label smoothing, 20-frame clips) on the fraction."""
    for split in ('ntu60-xsub', 'ntu60-xview', 'ntu120-xsub',
                  'ntu120-xset'):
        for pct, frac in (('5pct', 0.05), ('10pct', 0.1)):
            found = [f for f in PAPER_SEMI if '/skeleton_mae/' in f and
                     f'semi-{pct}_' in f and f.endswith(f'_{split}.py')]
            assert len(found) == 1, (split, pct)
            cfg = Config.fromfile(found[0])
            ds = cfg.train_dataloader.dataset
            assert (ds.type, ds.fraction, ds.seed) == (
                'LabelFractionSubset', frac, 0)
            assert ds.dataset.split == split.split('-')[1] + '_train'
            assert cfg.model.cls_head.loss.label_smoothing == 0.1
            assert cfg.train_cfg.max_epochs == 200
            assert cfg.get('val_dataloader') is None
