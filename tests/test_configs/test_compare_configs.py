"""tools/analysis_tools/compare_configs.py: resolved configs of the working
tree against a git revision, runtime keys apart from helper variables."""
import importlib.util
import os.path as osp
import subprocess
import textwrap

import pytest

from ..conftest import REPO_ROOT

TOOL = osp.join(REPO_ROOT, 'tools', 'analysis_tools', 'compare_configs.py')


def _load_tool():
    spec = importlib.util.spec_from_file_location('compare_configs', TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compare_configs = _load_tool()


def _write(root, rel, text):
    path = root / 'configs' / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))


@pytest.fixture
def repo(tmp_path):
    """A git repository whose HEAD holds a base and two configs."""
    _write(tmp_path, '_base_/data.py', '''
        clip_len = 32
        train_dataloader = dict(batch_size=8, dataset=dict(clip=clip_len))
    ''')
    _write(tmp_path, 'm/a_1xb8-1e_x.py', '''
        _base_ = ['../_base_/data.py']
        model = dict(type='A', depth=3)
    ''')
    _write(tmp_path, 'm/b_1xb8-1e_x.py', '''
        _base_ = ['../_base_/data.py']
        model = dict(type='B')
    ''')
    git = ['git', '-C', str(tmp_path), '-c', 'user.name=t',
           '-c', 'user.email=t@t']
    subprocess.run(git + ['init', '-q'], check=True)
    subprocess.run(git + ['add', '-A'], check=True)
    subprocess.run(git + ['commit', '-q', '-m', 'configs'], check=True)
    return tmp_path


def _run(repo, capsys, *args):
    rc = compare_configs.main(['--repo', str(repo), '--ref', 'HEAD', *args])
    return rc, capsys.readouterr().out


def test_unchanged_tree_is_identical(repo, capsys):
    rc, out = _run(repo, capsys)
    assert rc == 0
    assert 'summary: 2 identical, 0 helper, 0 runtime' in out


def test_helper_variables_do_not_fail(repo, capsys):
    """Renaming or adding helper variables changes no runtime key; a
    runtime key set to None counts as absent."""
    _write(repo, 'm/a_1xb8-1e_x.py', '''
        _base_ = ['../_base_/data.py']
        depth = 3
        model = dict(type='A', depth=depth)
        val_dataloader = None
    ''')
    rc, out = _run(repo, capsys)
    assert rc == 0, out
    assert '~ m/a_1xb8-1e_x.py' in out
    assert 'helper   depth' in out
    assert 'runtime' not in out.split('summary')[0]


def test_runtime_difference_fails_and_names_the_key(repo, capsys):
    _write(repo, '_base_/data.py', '''
        clip_len = 32
        train_dataloader = dict(batch_size=16, dataset=dict(clip=clip_len))
    ''')
    rc, out = _run(repo, capsys)
    assert rc == 1
    assert 'runtime  train_dataloader.batch_size: 8 -> 16' in out
    assert 'summary: 0 identical, 0 helper, 2 runtime' in out


def test_moved_configs_follow_the_rename_map(repo, capsys, tmp_path_factory):
    """A moved file without a rename has no counterpart (failure); with a
    folder rename (or a rename file) it is compared at its new path."""
    old = repo / 'configs' / 'm'
    old.rename(repo / 'configs' / 'n')
    rc, out = _run(repo, capsys)
    assert rc == 1 and '- m/a_1xb8-1e_x.py (no counterpart' in out
    assert '+ n/a_1xb8-1e_x.py (new)' in out
    rc, out = _run(repo, capsys, '--rename', 'm/=n/')
    assert rc == 0, out
    assert '= n/a_1xb8-1e_x.py (was m/a_1xb8-1e_x.py)' in out
    rename_file = tmp_path_factory.mktemp('map') / 'renames.txt'
    rename_file.write_text('# moved\nm/a_1xb8-1e_x.py n/a_1xb8-1e_x.py\n'
                           'm/b_1xb8-1e_x.py n/b_1xb8-1e_x.py\n')
    rc, out = _run(repo, capsys, '--rename-file', str(rename_file))
    assert rc == 0, out


def test_bad_rename_is_refused(repo):
    with pytest.raises(SystemExit, match='OLD=NEW'):
        compare_configs.main(['--repo', str(repo), '--rename', 'm/'])
