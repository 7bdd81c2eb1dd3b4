"""End-to-end tool tests: train, kill, resume exactly, test, dump."""
import glob
import json
import os
import os.path as osp
import pickle
import subprocess
import sys
import textwrap

import torch

from ..conftest import REPO_ROOT

CONFIG = osp.join(REPO_ROOT, 'tests', 'data', 'configs',
                  'tiny_supervised_nw_ucla.py')

KILL_PLUGIN = textwrap.dedent('''
    import os
    import signal

    from mmengine.hooks import Hook

    from skelbench.registry import HOOKS


    @HOOKS.register_module()
    class KillAfterFirstCheckpoint(Hook):
        """SIGKILLs the process right after the first checkpoint."""
        priority = 'LOWEST'

        def after_train_epoch(self, runner):
            if runner.epoch == 0:  # epoch counter moves on after hooks
                os.kill(os.getpid(), signal.SIGKILL)
''')


def run_tool(args, env_extra, check=True):
    env = dict(os.environ, **env_extra)
    env['PYTHONPATH'] = os.pathsep.join(
        p for p in (env_extra.get('PYTHONPATH'), REPO_ROOT,
                    os.environ.get('PYTHONPATH')) if p)
    proc = subprocess.run([sys.executable] + args, cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f'{args} failed ({proc.returncode}):\n'
                             f'{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}')
    return proc


def val_scalars(work_dir):
    files = sorted(glob.glob(osp.join(work_dir, '*', 'vis_data',
                                      'scalars.json')))
    out = []
    for f in files:
        for line in open(f):
            rec = json.loads(line)
            if 'acc/top1' in rec:
                out.append((rec['step'], rec['acc/top1'], rec['acc/mean1']))
    return out


def state(path):
    return torch.load(path, map_location='cpu',
                      weights_only=False)['state_dict']


def test_kill_and_resume_matches_uninterrupted_run(tmp_path, nw_ucla_root):
    env = dict(NW_UCLA_ROOT=nw_ucla_root)
    full = str(tmp_path / 'full')
    run_tool(['tools/train.py', CONFIG, '--work-dir', full], env)

    plugin_dir = tmp_path / 'plugin'
    plugin_dir.mkdir()
    (plugin_dir / 'kill_plugin.py').write_text(KILL_PLUGIN)
    kill_cfg = tmp_path / 'kill_cfg.py'
    kill_cfg.write_text(
        f'_base_ = [{CONFIG!r}]\n'
        "custom_imports = dict(imports=['kill_plugin'])\n"
        "custom_hooks = [dict(type='KillAfterFirstCheckpoint')]\n")
    killed = str(tmp_path / 'killed')
    proc = run_tool(
        ['tools/train.py', str(kill_cfg), '--work-dir', killed],
        dict(env, PYTHONPATH=str(plugin_dir)), check=False)
    assert proc.returncode == -9, proc.stderr[-2000:]
    assert osp.exists(osp.join(killed, 'epoch_1.pth'))
    assert not osp.exists(osp.join(killed, 'epoch_2.pth'))

    run_tool(['tools/train.py', CONFIG, '--work-dir', killed, '--resume'],
             env)
    a, b = state(osp.join(full, 'epoch_3.pth')), \
        state(osp.join(killed, 'epoch_3.pth'))
    assert a.keys() == b.keys()
    for k in a:
        assert torch.equal(a[k], b[k]), k
    assert val_scalars(full)[-1] == val_scalars(killed)[-1]

    # test.py on the final checkpoint reproduces the last validation and
    # dumps per-sample predictions and features
    dump = str(tmp_path / 'preds.pkl')
    proc = run_tool(['tools/test.py', CONFIG, '--checkpoint',
                     osp.join(full, 'epoch_3.pth'), '--work-dir',
                     str(tmp_path / 'test'), '--dump', dump], env)
    top1 = val_scalars(full)[-1][1]
    assert f'acc/top1: {top1:.4f}' in proc.stdout + proc.stderr
    with open(dump, 'rb') as f:
        preds = pickle.load(f)
    assert len(preds) == 50 and preds[0]['feat'].shape == (32, )
    assert preds[0]['pred_score'].shape == (10, )


def test_pretrained_flag_and_bad_checkpoint(tmp_path, nw_ucla_root):
    env = dict(NW_UCLA_ROOT=nw_ucla_root)
    ckpt = tmp_path / 'bad.pth'
    torch.save({'state_dict': {'something.else': torch.zeros(1)}}, ckpt)
    proc = run_tool(['tools/train.py', CONFIG, '--work-dir',
                     str(tmp_path / 'wd'), '--pretrained', str(ckpt)], env,
                    check=False)
    assert proc.returncode != 0
    assert 'No key of checkpoint' in proc.stderr


def test_dist_train_two_cpu_processes(tmp_path, nw_ucla_root):
    env = dict(os.environ, NW_UCLA_ROOT=nw_ucla_root)
    work = str(tmp_path / 'dist')
    proc = subprocess.run(
        ['bash', 'tools/dist_train.sh', CONFIG, '2', '--work-dir', work,
         '--cfg-options', 'train_cfg.max_epochs=1'],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-6000:]
    log = proc.stdout + proc.stderr
    assert 'world_size: 2' in log or 'Distributed training: True' in log
    assert osp.exists(osp.join(work, 'epoch_1.pth'))


def test_dist_train_two_cpu_processes_with_compile(tmp_path, nw_ucla_root):
    """``--compile`` under 2-process gloo DDP trains, and its checkpoint
    resumes in an eager single-process run."""
    env = dict(os.environ, NW_UCLA_ROOT=nw_ucla_root)
    work = str(tmp_path / 'dist_compile')
    proc = subprocess.run(
        ['bash', 'tools/dist_train.sh', CONFIG, '2', '--work-dir', work,
         '--compile', '--cfg-options', 'train_cfg.max_epochs=1'],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=900)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-6000:]
    assert 'torch.compile: backbone' in log
    assert 'world_size: 2' in log or 'Distributed training: True' in log
    ckpt = torch.load(osp.join(work, 'epoch_1.pth'), map_location='cpu',
                      weights_only=False)
    assert not any('_orig_mod' in k for k in ckpt['state_dict'])
    assert all(torch.isfinite(v).all() for v in ckpt['state_dict'].values()
               if v.is_floating_point())
    run_tool(['tools/train.py', CONFIG, '--work-dir', work, '--resume',
              '--cfg-options', 'train_cfg.max_epochs=2'],
             dict(NW_UCLA_ROOT=nw_ucla_root))
    assert osp.exists(osp.join(work, 'epoch_2.pth'))
