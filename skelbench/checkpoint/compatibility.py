"""Does a checkpoint fit a model (and its optimizer)?

Loading with ``strict=False`` and a warning scores random weights when the
checkpoint is of another architecture, and an optimizer state of other
parameters crashes deep inside the optimizer's ``step``. These functions
list every difference, so that loading can refuse the file with one error:

* :func:`state_dict_mismatches`: missing / unexpected keys and shape
  mismatches between the model's and the checkpoint's weights;
* :func:`model_type_mismatch`: the algorithm (model class) that wrote the
  checkpoint against the one built;
* :func:`optimizer_mismatches`: parameter groups, per-parameter state
  shapes and the optimizer class of a saved optimizer state.
"""
from typing import List, Mapping, Optional, Sequence

import torch

__all__ = ['CheckpointMismatchError', 'state_dict_mismatches',
           'model_type_mismatch', 'checkpoint_types', 'optimizer_mismatches']


class CheckpointMismatchError(RuntimeError):
    """A checkpoint does not fit the model or optimizer it is loaded into.

    Args:
        filename (str): The checkpoint.
        target (str): What it was loaded into (e.g. the model class).
        problems (list[str]): One line per difference.
    """

    def __init__(self, filename: str, target: str, problems: Sequence[str]):
        self.filename = filename
        self.problems = list(problems)
        lines = '\n'.join(f'  - {p}' for p in self.problems)
        super().__init__(
            f'Checkpoint {filename} does not fit {target}:\n{lines}\n'
            'Nothing was loaded. Use the checkpoint of this config (or '
            'the config of this checkpoint); to initialise only the '
            'encoder from a pretraining checkpoint use '
            'tools/train.py --pretrained.')


def _keys(keys: Sequence[str], limit: int) -> str:
    keys = sorted(keys)
    return ', '.join(keys[:limit]) + (
        f', ... ({len(keys) - limit} more)' if len(keys) > limit else '')


def state_dict_mismatches(expected: Mapping[str, torch.Tensor],
                          loaded: Mapping[str, torch.Tensor],
                          limit: int = 8) -> List[str]:
    """The differences between the weights a model expects and a
    checkpoint's.

    Args:
        expected (dict): ``model.state_dict()``.
        loaded (dict): The checkpoint's weights (keys as the model's).
        limit (int): Keys named per kind of difference.

    Returns:
        list[str]: Empty when every key is in both with the same shape,
        else one line each for missing keys, unexpected keys and shape
        mismatches (``key: checkpoint (shape) vs model (shape)``).
    """
    missing = set(expected) - set(loaded)
    unexpected = set(loaded) - set(expected)
    shapes = sorted(
        k for k in set(expected) & set(loaded)
        if hasattr(loaded[k], 'shape') and hasattr(expected[k], 'shape')
        and tuple(loaded[k].shape) != tuple(expected[k].shape))
    problems = []
    if missing:
        problems.append(f'{len(missing)} of the model\'s {len(expected)} '
                        f'keys are missing from the checkpoint: '
                        f'{_keys(missing, limit)}')
    if unexpected:
        problems.append(f'{len(unexpected)} keys of the checkpoint are not '
                        f'in the model: {_keys(unexpected, limit)}')
    if shapes:
        problems.append(f'{len(shapes)} shape mismatches: ' + ', '.join(
            f'{k}: checkpoint {tuple(loaded[k].shape)} vs model '
            f'{tuple(expected[k].shape)}' for k in shapes[:limit])
            + (f', ... ({len(shapes) - limit} more)'
               if len(shapes) > limit else ''))
    return problems


def checkpoint_types(checkpoint: dict) -> dict:
    """``{'model': name, 'optimizer': name}`` of the classes that wrote
    ``checkpoint``, from ``meta['model_type']`` / ``meta['optimizer_type']``
    (written by ``SkeletonRunner``); ``None`` where the checkpoint does not
    say. The config text in ``meta['cfg']`` is never executed to find out
    (it is Python code); for older checkpoints the comparison of the
    weights and of the parameter groups does the work.
    """
    meta = checkpoint.get('meta') if isinstance(checkpoint, dict) else None
    meta = meta if isinstance(meta, dict) else {}
    return dict(model=meta.get('model_type'),
                optimizer=meta.get('optimizer_type'))


def model_type_mismatch(model: torch.nn.Module,
                        checkpoint: dict) -> Optional[str]:
    """A line naming both algorithms when ``checkpoint`` was written by
    another model class than ``model``'s, else ``None``."""
    saved = checkpoint_types(checkpoint)['model']
    name = type(model).__name__
    if saved is not None and saved.split('.')[-1] != name:
        return f'algorithm: the checkpoint is of {saved}, the model is {name}'
    return None


def optimizer_mismatches(optimizer: torch.optim.Optimizer, saved: dict,
                         saved_type: Optional[str] = None) -> List[str]:
    """The differences between an optimizer and a saved optimizer state.

    Args:
        optimizer (Optimizer): The optimizer about to resume.
        saved (dict): Its saved ``state_dict()`` (``param_groups`` of
            parameter indices, ``state`` keyed by index).
        saved_type (str, optional): Class name of the saved optimizer.

    Returns:
        list[str]: Empty when the saved state fits: the same class, the same
        number of parameter groups with the same number of parameters each,
        and every per-parameter state tensor of its parameter's shape.
    """
    problems = []
    name = type(optimizer).__name__
    if saved_type is not None and saved_type.split('.')[-1] != name:
        problems.append(f'optimizer: the checkpoint has {saved_type} '
                        f'state, the config builds {name}')
    groups = saved.get('param_groups') if isinstance(saved, dict) else None
    if not isinstance(groups, list):
        return problems + ['optimizer: the saved state has no param_groups']
    sizes = [len(g['params']) for g in optimizer.param_groups]
    saved_sizes = [len(g.get('params', ())) for g in groups]
    if sizes != saved_sizes:
        def show(s):
            groups = f'{len(s)} group' + ('s' if len(s) != 1 else '')
            return (f'{groups} of {s} parameters' if len(s) <= 8 else
                    f'{groups}, {sum(s)} parameters')
        problems.append(f'optimizer parameter groups: checkpoint '
                        f'{show(saved_sizes)} vs config {show(sizes)}')
        return problems
    params = [p for g in optimizer.param_groups for p in g['params']]
    index = [i for g in groups for i in g['params']]
    position = {i: n for n, i in enumerate(index)}
    bad = []
    for i, state in (saved.get('state') or {}).items():
        if i not in position or not isinstance(state, dict):
            continue
        param = params[position[i]]
        for key, value in state.items():
            if isinstance(value, torch.Tensor) and value.dim() > 0 and \
                    tuple(value.shape) != tuple(param.shape):
                bad.append(f'parameter {position[i]} {key} '
                           f'{tuple(value.shape)} vs {tuple(param.shape)}')
                break
    if bad:
        problems.append(f'optimizer state of {len(bad)} parameters has '
                        'other shapes than the parameters: '
                        + ', '.join(bad[:5])
                        + (' ...' if len(bad) > 5 else ''))
    return problems
