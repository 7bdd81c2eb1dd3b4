"""tools/quickstart.py (the README main job) end to end on a tiny config,
and the plotting tools on its work dir."""
import os.path as osp

import pytest

from ..conftest import REPO_ROOT, load_tool

TINY = osp.join(REPO_ROOT, 'tests', 'data', 'configs',
                'tiny_supervised_nw_ucla.py')
PNG = b'\x89PNG\r\n\x1a\n'


def test_quickstart_tiny_run_then_rerun(tmp_path, nw_ucla_root, capsys):
    tool = load_tool('quickstart.py')
    work = str(tmp_path / 'qs')
    args = ['--config', TINY, '--work-dir', work, '--random-init-seeds', '2',
            '--cfg-options', 'train_cfg.max_epochs=1',
            'train_dataloader.dataset.indices=None',
            f'train_dataloader.dataset.data_root={nw_ucla_root}',
            f'val_dataloader.dataset.data_root={nw_ucla_root}',
            f'test_dataloader.dataset.data_root={nw_ucla_root}']
    tool.main(args)
    out = capsys.readouterr().out
    summary = open(osp.join(work, 'summary.md')).read()
    assert summary in out
    for row in ('pretrained (frozen)', 'random init', 'raw coordinates',
                '(2 seeds)', 'wall time: pretraining', 'epoch_1.pth',
                'tsne.png'):
        assert row in summary, row
    assert open(osp.join(work, 'tsne.png'), 'rb').read(8) == PNG
    # a second start resumes the finished run instead of training again
    tool.main(args)
    log = open(osp.join(work, 'quickstart_train.log')).read()
    assert 'resumed' in log.lower() and 'Epoch(train) [1]' not in log

    curves = load_tool('analysis_tools/plot_curves.py')
    png = curves.main([work, '--out', str(tmp_path / 'c.png')])
    assert open(png, 'rb').read(8) == PNG


def test_quickstart_failing_stage_names_its_log(tmp_path):
    tool = load_tool('quickstart.py')
    with pytest.raises(SystemExit, match='quickstart_train.log'):
        tool.main(['--config', str(tmp_path / 'missing.py'),
                   '--work-dir', str(tmp_path / 'w')])
