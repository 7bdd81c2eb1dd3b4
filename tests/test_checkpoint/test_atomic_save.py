import os
import subprocess
import sys
import textwrap

import pytest
import torch

from skelbench.checkpoint import atomic_target, remove_partial_files
from skelbench.checkpoint.atomic_save import partial_name


def test_complete_write_is_renamed_into_place(tmp_path):
    path = tmp_path / 'epoch_1.pth'
    with atomic_target(str(path)) as tmp:
        assert os.path.dirname(tmp) == str(tmp_path)  # same file system
        torch.save({'w': torch.ones(2)}, tmp)
    assert torch.load(path)['w'].tolist() == [1., 1.]
    assert os.listdir(tmp_path) == ['epoch_1.pth']


def test_failed_write_leaves_the_old_file(tmp_path):
    path = tmp_path / 'epoch_1.pth'
    path.write_bytes(b'old')
    with pytest.raises(KeyboardInterrupt):
        with atomic_target(str(path)) as tmp:
            with open(tmp, 'wb') as f:
                f.write(b'half a checkpo')
            raise KeyboardInterrupt
    assert path.read_bytes() == b'old'
    assert os.listdir(tmp_path) == ['epoch_1.pth']
    with pytest.raises(FileNotFoundError, match='nothing was written'):
        with atomic_target(str(tmp_path / 'epoch_2.pth')):
            pass


def test_killed_writer_leaves_no_truncated_checkpoint(tmp_path):
    """A process killed in the middle of writing (os._exit) leaves only
    the hidden partial file, which the next save removes."""
    path = tmp_path / 'epoch_3.pth'
    script = textwrap.dedent(f'''
        import os
        from skelbench.checkpoint import atomic_target
        with atomic_target({str(path)!r}) as tmp:
            with open(tmp, 'wb') as f:
                f.write(b'x' * 1000)
                f.flush()
                os._exit(9)
    ''')
    proc = subprocess.run([sys.executable, '-c', script])
    assert proc.returncode == 9
    assert not path.exists()
    assert os.path.exists(partial_name(str(path)))
    assert remove_partial_files(str(tmp_path)) == [partial_name(str(path))]
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize('umask', [0o022, 0o002])
def test_mode_follows_the_umask(tmp_path, umask):
    old = os.umask(umask)
    try:
        with atomic_target(str(tmp_path / 'a.pth')) as tmp:
            torch.save({}, tmp)
    finally:
        os.umask(old)
    assert os.stat(tmp_path / 'a.pth').st_mode & 0o777 == 0o666 & ~umask
