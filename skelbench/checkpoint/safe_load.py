"""Loading checkpoints without running the code a file may contain.

``torch.load(weights_only=False)`` unpickles any object, so a crafted
checkpoint runs arbitrary code. :func:`safe_torch_load` keeps
``weights_only=True`` and allows exactly the extra types that mmengine
(and the public skeleton SSL repositories whose checkpoints users load)
write: mmengine's ``HistoryBuffer`` (and only its statistics methods
through ``getattr``), numpy arrays, dtypes and scalars (numpy 1.x and
2.x module paths), and ``argparse.Namespace`` (MAMP-style ``args``).
"""
import argparse
import os.path as osp
import pickle
from typing import List

import numpy as np
import torch

__all__ = ['safe_torch_load', 'allowed_checkpoint_globals']


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
