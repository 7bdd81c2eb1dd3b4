"""Writing checkpoint files so that a killed writer leaves no partial file.

A checkpoint is written to a hidden temporary file in its own directory
(``.<name>.partial``), flushed to disk (``fsync``) and renamed onto its
name (``os.replace``: atomic on POSIX and Windows), after which the
directory entry is flushed too. A process killed while writing leaves
the temporary file, never a truncated ``<name>``; the next save into that
directory removes it. The file gets the mode of any file the user creates
(``0o666`` less the umask), not the ``0o600`` of :mod:`tempfile`.
"""
import contextlib
import glob
import os
import os.path as osp
from typing import Iterator

__all__ = ['PARTIAL_SUFFIX', 'atomic_target', 'fsync_file', 'partial_name',
           'remove_partial_files']

#: Suffix of the temporary files (``.<name>.partial``).
PARTIAL_SUFFIX = '.partial'


def partial_name(path: str) -> str:
    """The temporary path that :func:`atomic_target` writes ``path`` to."""
    head, tail = osp.split(path)
    return osp.join(head, f'.{tail}{PARTIAL_SUFFIX}')


def fsync_file(path: str) -> None:
    """Flush a written file's data to disk."""
    with open(path, 'rb') as f:
        os.fsync(f.fileno())


def _fsync_dir(path: str) -> None:
    try:
        fd = os.open(path or '.', os.O_RDONLY)
    except OSError:  # directories cannot be opened on some systems
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_partial_files(directory: str) -> list:
    """Delete the temporary files of interrupted saves in ``directory``.

    Returns:
        list[str]: The removed paths.
    """
    removed = []
    for path in glob.glob(osp.join(glob.escape(directory),
                                   f'.*{PARTIAL_SUFFIX}')):
        try:
            os.remove(path)
            removed.append(path)
        except FileNotFoundError:
            pass
    return removed


@contextlib.contextmanager
def atomic_target(path: str) -> Iterator[str]:
    """Context manager yielding the temporary path to write ``path`` to.

    On a normal exit the temporary file is fsynced, given the user's
    default mode and renamed onto ``path``; on an exception it is removed
    and ``path`` is left as it was.

    Example::

        with atomic_target('work_dir/epoch_3.pth') as tmp:
            torch.save(checkpoint, tmp)

    Raises:
        FileNotFoundError: If the body wrote nothing to the temporary path.
    """
    path = osp.abspath(path)
    os.makedirs(osp.dirname(path), exist_ok=True)
    tmp = partial_name(path)
    if osp.exists(tmp):
        os.remove(tmp)
    try:
        yield tmp
        if not osp.isfile(tmp):
            raise FileNotFoundError(f'nothing was written to {tmp} for '
                                    f'{path}')
        fsync_file(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if osp.exists(tmp):
            os.remove(tmp)
        raise
    _fsync_dir(osp.dirname(path))
