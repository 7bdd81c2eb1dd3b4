"""tools/benchmark.py's library end to end on the synthetic data: every
protocol runs (tiny settings), results.json / results.md are written, the
hold-out and label-fraction ids are stored in the runs."""
import json
import os.path as osp

import pytest
import torch
from mmengine.config import Config

from skelbench.engine.protocols import (BenchmarkSettings, extract_encoder,
                                        run_benchmark)
from skelbench.registry import MODELS
from skelbench.utils import register_all_modules

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.dirname(
    osp.abspath(__file__)))))
PRETRAIN = osp.join(ROOT, 'configs', 'sjepa',
                    'sjepa_transformer-l4d128_1xb32-30e_synthetic-xsub.py')
# a few samples, one epoch, small batches: the code paths, not accuracy
TINY = {'train_cfg.max_epochs': 1, 'train_dataloader.batch_size': 16,
        'train_dataloader.dataset.indices': 96,
        'test_dataloader.dataset.indices': 40}


@pytest.fixture(scope='module')
def checkpoint(tmp_path_factory):
    register_all_modules()
    torch.manual_seed(0)
    model = MODELS.build(Config.fromfile(PRETRAIN).model)
    path = str(tmp_path_factory.mktemp('pre') / 'epoch_1.pth')
    torch.save(dict(state_dict=model.state_dict(), meta=dict(epoch=1)), path)
    return path


def test_extract_encoder_keeps_the_backbone_only(checkpoint, tmp_path):
    out = extract_encoder(checkpoint, str(tmp_path / 'enc.pth'))
    state = torch.load(out, weights_only=True)['state_dict']
    assert state and all(k.startswith('backbone.') for k in state)


def test_every_protocol_end_to_end(checkpoint, tmp_path):
    lines = []
    settings = BenchmarkSettings(seeds=(0, ), val_fraction=0.25, passes=2,
                                 cfg_options=dict(TINY))
    work = tmp_path / 'bench'
    results = run_benchmark(
        PRETRAIN, checkpoint,
        'linear,knn,finetune,scratch,semi-50,transfer-synthetic',
        str(work), settings, log=lines.append)
    protos = results['protocols']
    assert list(protos) == ['linear', 'knn', 'finetune', 'scratch',
                            'semi-50', 'transfer-synthetic']
    # a progress line per protocol, in order
    assert [ln.split(':')[0] for ln in lines] == [
        f'[{i}/6] {p}' for i, p in enumerate(protos, 1)]
    for name, proto in protos.items():
        for key, stat in proto['summary'].items():
            assert 0 <= stat['mean'] <= 100, (name, key)
    assert protos['linear']['summary']['test_at_best_val']['n'] == 1
    assert set(protos['knn']['summary']) == {'k1_acc', 'k20_acc'}
    for name in ('finetune', 'scratch', 'transfer-synthetic'):
        runs = protos[name]['runs']
        assert [r['seed'] for r in runs] == [0]
        for r in runs:
            # model selection on the held-out part, test scored after
            assert r['test_at_best_val'] is not None and \
                r['best_val'] is not None, (name, r)
            split = json.load(open(work / name / f"seed{r['seed']}" /
                                   'holdout_ids.json'))
            assert not set(split['train_ids']) & set(split['val_ids'])
            assert len(split['train_ids']) + len(split['val_ids']) == 96
    semi = protos['semi-50']
    assert semi['fraction'] == 0.5
    for r in semi['runs']:
        assert r['last'] is not None and 'test_at_best_val' not in r
        ids = json.load(open(work / 'semi-50' / f"seed{r['seed']}" /
                             'subset_ids.json'))
        assert ids['seed'] == r['seed'] and ids['num_samples'] < 96
    # the scratch run does not load the encoder; the fine-tune run does
    scratch_cfg = Config.fromfile(str(work / 'scratch' / 'seed0' /
                                      'config.py'))
    finetune_cfg = Config.fromfile(str(work / 'finetune' / 'seed0' /
                                       'config.py'))
    assert scratch_cfg.model.backbone.get('init_cfg') is None
    assert finetune_cfg.model.backbone.init_cfg.checkpoint == \
        str(work / 'encoder.pth')
    on_disk = json.load(open(work / 'results.json'))
    assert on_disk['protocols'].keys() == protos.keys()
    md = (work / 'results.md').read_text()
    assert '| semi-50 | last epoch |' in md


def test_end_to_end_linear_probe(checkpoint, tmp_path):
    settings = BenchmarkSettings(linear_protocol='end-to-end',
                                 val_fraction=0.25, cfg_options=dict(TINY))
    results = run_benchmark(PRETRAIN, checkpoint, 'linear',
                            str(tmp_path / 'b'), settings, log=lambda s: 0)
    run = results['protocols']['linear']['runs'][0]
    assert run['test_at_best_val'] is not None
    cfg = Config.fromfile(str(tmp_path / 'b' / 'linear' / 'seed0' /
                              'config.py'))
    assert cfg.train_dataloader.dataset.type == 'HoldoutSubset'


def test_bad_input_fails_before_anything_runs(checkpoint, tmp_path):
    with pytest.raises(FileNotFoundError, match='checkpoint'):
        run_benchmark(PRETRAIN, str(tmp_path / 'none.pth'), 'linear',
                      str(tmp_path / 'w'))
    with pytest.raises(FileNotFoundError, match='nothing matches'):
        run_benchmark(PRETRAIN, checkpoint, 'linear,transfer-ntu999',
                      str(tmp_path / 'w'))
    assert not (tmp_path / 'w' / 'results.json').exists()
    with pytest.raises(ValueError, match='val_fraction'):
        BenchmarkSettings(val_fraction=1.0)


def test_cached_probe_matches_the_end_to_end_probe(checkpoint, tmp_path):
    """The same linear protocol (SGD, lr, epochs, batch, cosine) run on
    cached features and end to end with tools/train.py reaches the same
    test accuracy within the noise of 240 test samples."""
    epochs = 8
    options = {'train_cfg.max_epochs': epochs,
               'train_dataloader.dataset.indices': 240,
               'test_dataloader.dataset.indices': 240,
               'param_scheduler': [dict(
                   type='CosineAnnealingLR', T_max=epochs, eta_min=0.,
                   by_epoch=True, begin=0, end=epochs,
                   convert_to_iter_based=True)]}
    top1 = {}
    for protocol in ('cached', 'end-to-end'):
        settings = BenchmarkSettings(val_fraction=0, passes=4,
                                     linear_protocol=protocol,
                                     cfg_options=options)
        results = run_benchmark(PRETRAIN, checkpoint, 'linear',
                                str(tmp_path / protocol), settings,
                                log=lambda s: 0)
        top1[protocol] = results['protocols']['linear']['runs'][0]['last']
    chance = 100 / 14
    assert min(top1.values()) > 3 * chance, top1
    assert abs(top1['cached'] - top1['end-to-end']) <= 8, top1
