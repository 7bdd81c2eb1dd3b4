"""tools/analysis_tools/probe_features.py: frozen-encoder probes of a
config's model from a training or backbone checkpoint."""
import json
import os.path as osp

import pytest
import torch
from mmengine.config import Config

from skelbench.checkpoint import load_encoder_weights
from skelbench.evaluation.functional import build_probe_model
from skelbench.registry import MODELS

from ..conftest import REPO_ROOT, load_tool

TINY = osp.join(REPO_ROOT, 'tests', 'data', 'configs',
                'tiny_supervised_nw_ucla.py')
SKMAE = osp.join(REPO_ROOT, 'configs', 'skeleton_mae',
                 'skeleton-mae_sttformer-tiny_1xb32-40e_nw-ucla-xview.py')
SJEPA = osp.join(REPO_ROOT, 'configs', 'sjepa',
                 'sjepa_transformer-l4d128_1xb64-100e_nw-ucla-xview.py')


def _tool():
    return load_tool('analysis_tools/probe_features.py')


def test_probe_tool_on_nw_ucla_subset(tmp_path, nw_ucla_root, capsys):
    tool = _tool()
    cfg = Config.fromfile(TINY)
    torch.manual_seed(123)
    trained = MODELS.build(cfg.model)
    ckpt = tmp_path / 'backbone.pth'
    torch.save({'state_dict': {f'backbone.{k}': v for k, v in
                               trained.backbone.state_dict().items()}}, ckpt)
    out = tmp_path / 'probe.json'
    results = tool.main([
        TINY, '--checkpoint', str(ckpt), '--random-init', '--raw', '--out',
        str(out), '--cfg-options',
        f'train_dataloader.dataset.data_root={nw_ucla_root}',
        'train_dataloader.dataset.indices=None',
        f'test_dataloader.dataset.data_root={nw_ucla_root}'])
    assert set(results) == {'pretrained', 'random init', 'raw coordinates'}
    for r in results.values():
        assert 0 <= r['linear'] <= 100 and 0 <= r['nn1'] <= 100
    assert results['pretrained']['dim'] == 32
    assert results['raw coordinates']['dim'] == 16 * 20 * 3
    # different weights -> different features -> different statistics
    assert (results['pretrained']['std_mean']
            != results['random init']['std_mean'])
    saved = json.loads(out.read_text())
    assert saved['results']['pretrained'] == results['pretrained']
    assert 'train 1020 / test 50 samples' in capsys.readouterr().out


def test_backbone_checkpoint_goes_to_the_downstream_encoder(tmp_path):
    cfg = Config.fromfile(SJEPA)
    model = build_probe_model(cfg, seed=0)
    donor = MODELS.build(cfg.model.backbone)
    torch.nn.init.normal_(donor.token_embed.weight)
    ckpt = tmp_path / 'backbone.pth'
    torch.save({'state_dict': {f'backbone.{k}': v for k, v in
                               donor.state_dict().items()}}, ckpt)
    online_before = {k: v.clone()
                     for k, v in model.backbone.state_dict().items()}
    load_encoder_weights(model, str(ckpt))
    # S-JEPA's downstream encoder is the EMA target encoder
    for k, v in donor.state_dict().items():
        assert torch.equal(model.target_backbone.module.state_dict()[k], v)
        assert torch.equal(model.backbone.state_dict()[k], online_before[k])


def test_training_checkpoint_and_mismatch_errors(tmp_path):
    cfg = Config.fromfile(SJEPA)
    trained = build_probe_model(cfg, seed=1)
    ckpt = tmp_path / 'epoch_1.pth'
    torch.save({'state_dict': trained.state_dict(), 'meta': {}}, ckpt)
    model = build_probe_model(cfg, seed=0)
    assert 'training checkpoint' in load_encoder_weights(model, str(ckpt))
    for k, v in trained.state_dict().items():
        assert torch.equal(model.state_dict()[k], v), k
    # a checkpoint of another architecture is refused, naming the file
    bad = tmp_path / 'other.pth'
    torch.save({'state_dict': {'backbone.foo': torch.zeros(1)}}, bad)
    with pytest.raises(ValueError, match='other.pth.*does not match'):
        load_encoder_weights(model, str(bad))
    with pytest.raises(FileNotFoundError):
        load_encoder_weights(model, str(tmp_path / 'missing.pth'))


def test_random_init_seeds_mean_and_std(nw_ucla_root):
    tool = _tool()
    opts = ['--cfg-options',
            f'train_dataloader.dataset.data_root={nw_ucla_root}',
            'train_dataloader.dataset.indices=None',
            f'test_dataloader.dataset.data_root={nw_ucla_root}']
    both = tool.main([TINY, '--random-init-seeds', '2'] + opts)['random init']
    single = [tool.main([TINY, '--seed', str(s)] + opts)['random init']
              for s in (0, 1)]
    assert both['seeds'] == 2
    for k in ('linear', 'nn1', 'effective_rank'):
        assert both[k] == pytest.approx((single[0][k] + single[1][k]) / 2)
    assert both['linear_std'] == pytest.approx(
        abs(single[0]['linear'] - single[1]['linear']) / 2)
    for k in ('linear', 'nn1'):
        assert both[f'{k}_per_seed'] == pytest.approx(
            [single[0][k], single[1][k]])
    with pytest.raises(ValueError, match='random-init-seeds'):
        tool.main([TINY, '--random-init-seeds', '0'] + opts)


def test_probe_tool_group_transfer_by_view(nw_ucla_root, capsys):
    """--group-key view: cross-view vs mixed-split probes of the training
    views (NW-UCLA views 1 and 2)."""
    tool = _tool()
    every_6th = ','.join(str(i) for i in range(0, 1020, 6))  # all classes
    opts = ['--cfg-options',
            f'train_dataloader.dataset.data_root={nw_ucla_root}',
            f'train_dataloader.dataset.indices=[{every_6th}]',
            f'test_dataloader.dataset.data_root={nw_ucla_root}']
    results = tool.main([TINY, '--raw', '--group-key', 'view'] + opts)
    for r in results.values():
        assert r['groups'] == 2
        for k in ('cross_linear', 'cross_nn1', 'mixed_linear', 'mixed_nn1'):
            assert 0 <= r[k] <= 100
    # raw coordinates are camera-bound: a new view costs accuracy
    raw = results['raw coordinates']
    assert raw['cross_nn1'] < raw['mixed_nn1']
    assert 'group transfer on the train split (view: 2 groups)' in \
        capsys.readouterr().out
    with pytest.raises(KeyError, match="--group-key 'camera_height'"):
        tool.main([TINY, '--group-key', 'camera_height'] + opts)


def test_precise_bn_recomputes_bn_encoders_only(tmp_path, nw_ucla_root,
                                                capsys):
    """--precise-bn: the random STTFormer's BN layers get the data's
    statistics (its stored ones are the identity), which changes its
    features; the transformer (LayerNorm) is left as it was."""
    tool = _tool()
    every_10th = ','.join(str(i) for i in range(0, 1020, 10))
    opts = ['--cfg-options',
            f'train_dataloader.dataset.data_root={nw_ucla_root}',
            f'train_dataloader.dataset.indices=[{every_10th}]',
            f'test_dataloader.dataset.data_root={nw_ucla_root}',
            'test_dataloader.dataset.indices=60']
    out = tmp_path / 'probe.json'
    plain = tool.main([SKMAE] + opts)['random init']
    capsys.readouterr()
    precise = tool.main([SKMAE, '--precise-bn', '--out', str(out)]
                        + opts)['random init']
    # every BN of the model: encoder 1 (input map) + 3 per block + 2 where
    # the width changes (32 -> 64) = 15, decoder 1 + 2 x 3 = 7
    assert 'precise BN: 22 batch-norm layers recomputed on 102 training ' \
        'samples' in capsys.readouterr().out
    assert precise['std_mean'] != plain['std_mean']
    assert json.loads(out.read_text())['precise_bn'] is True
    tiny_opts = ['--cfg-options',
                 f'train_dataloader.dataset.data_root={nw_ucla_root}',
                 f'train_dataloader.dataset.indices=[{every_10th}]',
                 f'test_dataloader.dataset.data_root={nw_ucla_root}']
    a = tool.main([TINY] + tiny_opts)['random init']
    b = tool.main([TINY, '--precise-bn'] + tiny_opts)['random init']
    assert a == b
    assert 'precise BN: 0 batch-norm layers' in capsys.readouterr().out
