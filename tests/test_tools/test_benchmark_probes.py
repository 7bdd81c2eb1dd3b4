"""tools/analysis_tools/benchmark_probes.py: end-to-end vs cached linear
probe timing on generated samples."""
import os.path as osp

import pytest

from ..conftest import REPO_ROOT, load_tool

PROBE = osp.join(REPO_ROOT, 'configs', 'mamp', 'benchmarks',
                 'linear-probe_mamp_transformer-l4d128_1xb64-100e_'
                 'synthetic-xsub.py')
TINY = ['--num-train', '96', '--num-test', '40', '--frames', '16',
        '--persons', '1', '--iters', '1', '--passes', '2', '--cfg-options',
        'model.backbone.depth=1', 'model.backbone.frozen_stages=1',
        'model.backbone.num_frames=16', 'train_cfg.max_epochs=3',
        'train_dataloader.batch_size=32', 'test_dataloader.batch_size=20']


def test_benchmark_probes_totals_follow_the_measured_parts(capsys):
    tool = load_tool('analysis_tools/benchmark_probes.py')
    out = tool.main([PROBE] + TINY)
    assert out['epochs'] == 3
    assert out['train_batches'] == 3 and out['test_batches'] == 2
    for key in ('e2e_iter', 'encode', 'encode_test', 'classifier'):
        assert out[key] > 0
    e2e = 3 * 3 * out['e2e_iter'] + \
        (3 // out['val_interval']) * 2 * out['encode_test']
    assert out['end_to_end'] == pytest.approx(e2e)
    assert out['extraction'] == pytest.approx(
        2 * 3 * out['encode'] + 2 * out['encode_test'])
    assert out['cached'] == pytest.approx(out['extraction'] +
                                          out['classifier'])
    assert out['speedup'] == pytest.approx(out['end_to_end'] / out['cached'])
    assert 'speed-up' in capsys.readouterr().out


def test_benchmark_probes_refuses_a_protocol_the_cache_cannot_run():
    tool = load_tool('analysis_tools/benchmark_probes.py')
    with pytest.raises(ValueError, match='reproduces SGD'):
        tool.main([PROBE] + TINY + ['optim_wrapper.optimizer.type=AdamW'])
