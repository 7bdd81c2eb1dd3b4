"""The distill / distill-P protocols of tools/benchmark.py's library end
to end on the synthetic data (tiny settings, as test_harness.py): the
teacher is fine-tuned (or reused, or given), the student distilled from
it without labels and scored on the test split."""
import json
import os.path as osp

import pytest
import torch
from mmengine.config import Config

from skelbench.engine.protocols import (BenchmarkSettings, Protocol,
                                        distill_from_finetune,
                                        find_benchmark_config, run_benchmark,
                                        teacher_model)
from skelbench.engine.protocols.harness import _Benchmark
from skelbench.registry import MODELS
from skelbench.utils import register_all_modules

from .test_harness import PRETRAIN, ROOT, TINY

register_all_modules()


@pytest.fixture(scope='module')
def checkpoint(tmp_path_factory):
    torch.manual_seed(0)
    model = MODELS.build(Config.fromfile(PRETRAIN).model)
    path = str(tmp_path_factory.mktemp('pre') / 'epoch_1.pth')
    torch.save(dict(state_dict=model.state_dict(), meta=dict(epoch=1)), path)
    return path


def _cfg(path):
    return Config.fromfile(str(path))


def test_distill_fine_tunes_its_teacher_and_scores_the_student(
        checkpoint, tmp_path):
    work = tmp_path / 'bench'
    lines = []
    settings = BenchmarkSettings(seeds=(0, ), val_fraction=0.25,
                                 cfg_options=dict(TINY))
    results = run_benchmark(PRETRAIN, checkpoint, 'distill', str(work),
                            settings, log=lines.append)
    proto = results['protocols']['distill']
    assert lines[0].startswith('[1/1] distill: ')
    assert osp.basename(proto['config']).startswith('distill_sjepa_')
    finetune = find_benchmark_config(PRETRAIN, 'finetune')
    assert proto['teacher_config'] == finetune
    (run, ) = proto['runs']
    seed_dir = work / 'distill' / 'seed0'
    # the teacher: fine-tuned from the pretrained encoder with the
    # fine-tune protocol's hold-out, its best-on-validation checkpoint
    teacher_cfg = _cfg(seed_dir / 'teacher' / 'config.py')
    assert teacher_cfg.model.backbone.init_cfg.checkpoint == \
        str(work / 'encoder.pth')
    assert run['teacher_checkpoint'].startswith(str(seed_dir / 'teacher'))
    assert osp.basename(run['teacher_checkpoint']).startswith('best_')
    assert 0 <= run['teacher_test'] <= 100
    # the student: a Distiller of that teacher, random initialisation,
    # the same held-out split, selected on it, scored on the test split
    cfg = _cfg(seed_dir / 'config.py')
    assert cfg.model.type == 'Distiller'
    assert cfg.model.teacher_checkpoint == run['teacher_checkpoint']
    assert cfg.model.teacher == teacher_model(_cfg(finetune))
    assert cfg.model.student.backbone.get('init_cfg') is None
    assert cfg.train_dataloader.dataset.type == 'HoldoutSubset'
    teacher_split = json.load(open(seed_dir / 'teacher' /
                                   'holdout_ids.json'))
    student_split = json.load(open(seed_dir / 'holdout_ids.json'))
    assert teacher_split['val_ids'] == student_split['val_ids']
    for key in ('last', 'test_at_best_val', 'best_val'):
        assert 0 <= run[key] <= 100, key
    assert set(proto['summary']) == {'last', 'best_val', 'test_at_best_val',
                                     'teacher_test'}
    md = (work / 'results.md').read_text()
    assert '| distill | best on validation |' in md
    assert f'| distill | (teacher) | {run["teacher_test"]:.1f} | 1 | ' \
           f'`{osp.basename(finetune)}` |' in md
    # the distilled checkpoint's downstream encoder is the student's
    state = torch.load(run['checkpoint_last'], weights_only=False)
    assert any(k.startswith('teacher.') for k in state['state_dict'])


def test_distill_p_reuses_the_semi_run_and_a_teacher_can_be_given(
        checkpoint, tmp_path):
    work = tmp_path / 'bench'
    settings = BenchmarkSettings(seeds=(0, ), val_fraction=0.25,
                                 cfg_options=dict(TINY))
    results = run_benchmark(PRETRAIN, checkpoint, 'semi-50,distill-50',
                            str(work), settings, log=lambda s: 0)
    semi = results['protocols']['semi-50']['runs'][0]
    proto = results['protocols']['distill-50']
    assert proto['fraction'] == 0.5
    (run, ) = proto['runs']
    # the teacher is the semi-50 run (its last checkpoint), not re-trained
    assert run['teacher_checkpoint'] == semi['checkpoint_last']
    assert run['teacher_test'] == semi['last']
    assert 'semi-50 run' in run['teacher_source']
    assert not (work / 'distill-50' / 'seed0' / 'teacher').exists()
    # the student: the whole training split, no validation part
    cfg = _cfg(work / 'distill-50' / 'seed0' / 'config.py')
    assert cfg.train_dataloader.dataset.type == 'SyntheticSkeletonDataset'
    assert cfg.val_dataloader is None
    assert run['last'] is not None and 'test_at_best_val' not in run

    # a given teacher checkpoint: no fine-tuning, straight to the student
    given = BenchmarkSettings(seeds=(0, ), val_fraction=0,
                              cfg_options=dict(TINY),
                              teacher=semi['checkpoint_last'])
    results = run_benchmark(PRETRAIN, checkpoint, 'distill',
                            str(tmp_path / 'given'), given, log=lambda s: 0)
    (run, ) = results['protocols']['distill']['runs']
    assert run['teacher_checkpoint'] == semi['checkpoint_last']
    assert run['teacher_source'] == 'given' and run['teacher_test'] is None
    assert 0 <= run['last'] <= 100
    assert not (tmp_path / 'given' / 'distill' / 'seed0' /
                'teacher').exists()


def test_bad_teacher_settings_fail_before_anything_runs(checkpoint,
                                                        tmp_path):
    work = tmp_path / 'w'
    with pytest.raises(FileNotFoundError, match='teacher checkpoint'):
        run_benchmark(PRETRAIN, checkpoint, 'distill', str(work),
                      BenchmarkSettings(teacher=str(tmp_path / 'no.pth')))
    with pytest.raises(ValueError, match='distill-P fine-tunes'):
        run_benchmark(PRETRAIN, checkpoint, 'distill-10', str(work),
                      BenchmarkSettings(teacher=checkpoint))
    with pytest.raises(ValueError, match='distill protocol only'):
        run_benchmark(PRETRAIN, checkpoint, 'linear', str(work),
                      BenchmarkSettings(teacher=checkpoint))
    assert not work.exists()


def test_a_method_without_a_distill_config_distils_into_its_own_size(
        tmp_path):
    """SkeletonMAE has fine-tune configs but no distill config: the
    student is the fine-tune model from a random initialisation, trained
    with the fine-tune recipe; the teacher is left out of the optimizer."""
    pretrain = osp.join(ROOT, 'configs', 'skeleton_mae',
                        'skeleton-mae_sttformer-tiny_1xb32-40e_'
                        'nw-ucla-xview.py')
    bench = _Benchmark(pretrain, 'unused.pth', str(tmp_path),
                       BenchmarkSettings(), log=lambda s: 0)
    protocol = Protocol('distill', 'distill')
    bench.check_configs(protocol)
    assert bench.config_path(protocol) is None
    finetune = _cfg(bench.config_path(protocol.teacher))
    cfg = bench.distill_config(protocol)
    assert cfg.model.type == 'Distiller'
    assert cfg.model.student == cfg.model.teacher == teacher_model(finetune)
    assert cfg.optim_wrapper.constructor == \
        'TrainableOptimWrapperConstructor'
    assert cfg.optim_wrapper.optimizer == finetune.optim_wrapper.optimizer
    assert cfg.param_scheduler == finetune.param_scheduler
    model = MODELS.build(cfg.model)
    assert model.student.cls_head.num_classes == 10
    # a layer-decay recipe is pointed at the student's encoder, decay 1
    derived = distill_from_finetune(_cfg(find_benchmark_config(
        PRETRAIN, 'finetune')))
    assert derived.optim_wrapper.paramwise_cfg == dict(
        layer_decay_rate=1.0, backbone_name='student.backbone')
