"""Safe checkpoint loading for mmengine on torch >= 2.6.

torch >= 2.6 loads with ``weights_only=True`` by default and mmengine
<= 0.10.7 calls ``torch.load`` without arguments, so resuming a Runner
checkpoint fails on ``mmengine.logging.history_buffer.HistoryBuffer`` and
numpy objects stored in ``meta['message_hub']``. Instead of unpickling
arbitrary objects (``weights_only=False`` runs any code a malicious file
contains), skelbench keeps ``weights_only=True`` and allows exactly the
extra types that mmengine (and the public skeleton SSL repositories whose
checkpoints users load) write: mmengine's ``HistoryBuffer``, numpy arrays,
dtypes and scalars, and ``argparse.Namespace`` (MAMP-style ``args``).

:func:`patch_checkpoint_loader` registers this loader for local paths in
mmengine's :class:`CheckpointLoader`; it runs when skelbench is imported.
"""
import argparse
import os.path as osp
import pickle
from typing import List

import numpy as np
import torch

_PATCHED = False


def history_buffer_getattr(obj, name: str):
    """Stand-in for ``getattr`` while unpickling a checkpoint.

    mmengine pickles a ``HistoryBuffer``'s statistics methods as
    ``getattr(HistoryBuffer, 'mean')``. Allowing the real ``getattr`` would
    let a crafted file reach arbitrary attributes, so only these lookups
    are served.
    """
    from mmengine.logging.history_buffer import HistoryBuffer

    methods = getattr(HistoryBuffer, '_statistics_methods', {})
    if obj is HistoryBuffer and isinstance(name, str) and (
            name in methods or name in ('min', 'max', 'mean', 'current')):
        return getattr(obj, name)
    raise pickle.UnpicklingError(
        f'checkpoint calls getattr({obj!r}, {name!r}); only '
        'HistoryBuffer statistics methods are allowed')


def allowed_checkpoint_globals() -> List:
    """Classes and functions a skelbench/mmengine checkpoint may contain."""
    from mmengine.logging.history_buffer import HistoryBuffer

    allowed = [HistoryBuffer, argparse.Namespace, np.ndarray, np.dtype,
               (history_buffer_getattr, '__builtin__.getattr'),
               (history_buffer_getattr, 'builtins.getattr')]
    # numpy's reconstruct/scalar helpers moved from numpy.core (1.x) to
    # numpy._core (2.x); checkpoints written under either may be loaded.
    for modname in ('numpy._core.multiarray', 'numpy.core.multiarray'):
        try:
            mod = __import__(modname, fromlist=['_reconstruct', 'scalar'])
        except ImportError:
            continue
        for name in ('_reconstruct', 'scalar'):
            fn = getattr(mod, name, None)
            if fn is not None and fn not in allowed:
                allowed.append(fn)
    # numpy >= 1.25 pickles dtypes as instances of numpy.dtypes.XDType
    dtypes_mod = getattr(np, 'dtypes', None)
    if dtypes_mod is not None:
        for name in dir(dtypes_mod):
            obj = getattr(dtypes_mod, name)
            if isinstance(obj, type) and issubclass(obj, np.dtype):
                allowed.append(obj)
    return allowed


def safe_torch_load(filename, map_location=None):
    """``torch.load`` with ``weights_only=True`` and skelbench's allowlist.

    Raises:
        FileNotFoundError: If ``filename`` does not exist.
        RuntimeError: If the file is truncated/corrupt or holds an object
            of a type outside the allowlist; the message names the file.
    """
    filename = osp.expanduser(str(filename))
    if not osp.isfile(filename):
        raise FileNotFoundError(f'Checkpoint {filename} can not be found.')
    try:
        with torch.serialization.safe_globals(allowed_checkpoint_globals()):
            return torch.load(filename, map_location=map_location,
                              weights_only=True)
    except pickle.UnpicklingError as e:
        raise RuntimeError(
            f'Refusing to load checkpoint {filename}: it contains objects '
            'outside the allowed types (skelbench loads checkpoints with '
            'weights_only=True and allows only the types mmengine writes). '
            'If you trust the file, re-save just its tensors, e.g. '
            "torch.save({'state_dict': ...}, path). Original error: "
            f'{str(e).splitlines()[0] if str(e) else e!r}') from None
    except (EOFError, RuntimeError, ValueError) as e:
        raise RuntimeError(f'Checkpoint {filename} is truncated or not a '
                           f'torch checkpoint: {e}') from e


def patch_checkpoint_loader() -> None:
    """Make mmengine load local checkpoints through :func:`safe_torch_load`.

    Idempotent. Affects ``Runner.resume``, ``load_from`` and
    ``mmengine.runner.load_checkpoint`` for local paths.
    """
    global _PATCHED
    if _PATCHED:
        return
    from mmengine.runner.checkpoint import CheckpointLoader

    @CheckpointLoader.register_scheme(prefixes='', force=True)
    def load_from_local(filename, map_location):
        return safe_torch_load(filename, map_location=map_location)

    _PATCHED = True
