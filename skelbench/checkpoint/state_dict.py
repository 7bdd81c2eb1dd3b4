"""The weights of a checkpoint and their key prefixes.

A checkpoint stores its weights under ``state_dict`` (mmengine), ``model``
or ``module`` (other repositories), or is the bare mapping itself; a model
saved while wrapped in ``DistributedDataParallel`` has every key prefixed
with ``module.``. These helpers are the one place that knows both.
"""
from collections import OrderedDict
from typing import Dict, Mapping

import torch

__all__ = ['extract_state_dict', 'strip_module_prefix', 'select_prefix']

DDP_PREFIX = 'module.'


def extract_state_dict(checkpoint) -> Dict[str, torch.Tensor]:
    """The weights of a checkpoint (``state_dict``/``model``/bare dict).

    Args:
        checkpoint (dict): A loaded checkpoint.

    Returns:
        dict: The ``{key: tensor}`` mapping of its weights.

    Raises:
        TypeError: If ``checkpoint`` is not a dict.
    """
    if isinstance(checkpoint, dict):
        for key in ('state_dict', 'model', 'module'):
            if key in checkpoint and isinstance(checkpoint[key], dict):
                return checkpoint[key]
        return checkpoint
    raise TypeError('a checkpoint must be a dict, got '
                    f'{type(checkpoint).__name__}')


def strip_module_prefix(state: Mapping[str, torch.Tensor]
                        ) -> 'OrderedDict[str, torch.Tensor]':
    """``state`` with the leading ``module.`` (DDP wrapper) removed from
    every key that has it; other keys are kept as they are."""
    return OrderedDict(
        (k[len(DDP_PREFIX):] if k.startswith(DDP_PREFIX) else k, v)
        for k, v in state.items())


def select_prefix(state: Mapping[str, torch.Tensor], prefix: str
                  ) -> 'OrderedDict[str, torch.Tensor]':
    """The entries of ``state`` whose key starts with ``prefix``, with the
    prefix removed (``''`` selects everything unchanged)."""
    return OrderedDict((k[len(prefix):], v) for k, v in state.items()
                       if k.startswith(prefix))
