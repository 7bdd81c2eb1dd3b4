"""The downstream encoder of a pretraining checkpoint.

A self-supervised algorithm holds more than one encoder; the one used
downstream is

* S-JEPA: the EMA **target encoder** (``target_backbone.module.*``), the
  one the paper evaluates;
* MAMP, MAE, Gong et al., SkeletonMAE: the online encoder
  (``backbone.*``); a momentum encoder (``momentum_backbone.module.*``) is
  dropped;
* a ``Distiller``: the **student**'s encoder (``student.backbone.*``); the
  frozen teacher (``teacher.backbone.*``) is dropped.

:func:`encoder_state_dict` picks it from a checkpoint's weights (as
``backbone.*``, the layout of a backbone checkpoint);
:func:`load_encoder_weights` loads either kind of checkpoint into a built
model.
"""
from collections import OrderedDict
from typing import Mapping

import torch

from .compatibility import state_dict_mismatches
from .safe_load import safe_torch_load
from .state_dict import select_prefix, strip_module_prefix

__all__ = ['ENCODER_PREFIXES', 'encoder_state_dict', 'load_encoder_weights']

#: Key prefix of each encoder of a training checkpoint.
ENCODER_PREFIXES = OrderedDict(
    target='target_backbone.module.',
    momentum='momentum_backbone.module.',
    online='backbone.',
    student='student.backbone.',
    teacher='teacher.backbone.')


def encoder_state_dict(state_dict: Mapping[str, torch.Tensor],
                       source: str = 'auto') -> 'OrderedDict':
    """``backbone.``-prefixed weights of one encoder of ``state_dict``.

    Args:
        state_dict (dict): Weights of a training checkpoint (without the
            DDP ``module.`` prefix).
        source (str): ``'auto'`` (the target encoder when there is one,
            else a distilled student's, else the online encoder), or a key
            of :data:`ENCODER_PREFIXES`.

    Returns:
        OrderedDict: ``{'backbone.<key>': tensor}``.

    Raises:
        ValueError: For an unknown ``source``.
        KeyError: If the checkpoint has no key of that encoder.
    """
    if source == 'auto':
        source = next((s for s in ('target', 'student')
                       if any(k.startswith(ENCODER_PREFIXES[s])
                              for k in state_dict)), 'online')
    if source not in ENCODER_PREFIXES:
        raise ValueError(f'unknown source {source!r}; choose auto, '
                         f"{', '.join(ENCODER_PREFIXES)}")
    prefix = ENCODER_PREFIXES[source]
    out = OrderedDict(('backbone.' + k, v)
                      for k, v in select_prefix(state_dict, prefix).items())
    if not out:
        raise KeyError(f'no {prefix!r} keys in the checkpoint (keys start '
                       f'with {sorted({k.split(".")[0] for k in state_dict})}'
                       ')')
    return out


def load_encoder_weights(model: torch.nn.Module, filename: str) -> str:
    """Load a training checkpoint (whole model) or a backbone checkpoint
    (``backbone.*`` only, into the downstream encoder) into ``model``.

    The downstream encoder is ``model.downstream_backbone`` when the model
    has one (self-supervised algorithms), else ``model.backbone``.

    Args:
        model (nn.Module): The built model of the checkpoint's config.
        filename (str): Checkpoint path.

    Returns:
        str: What was loaded, for the log.

    Raises:
        FileNotFoundError: If the file does not exist.
        ValueError: If the checkpoint has no weights, or its keys or
            shapes do not match the model (or the encoder); the message
            names the file and lists the differences.
    """
    ckpt = safe_torch_load(filename, map_location='cpu')
    state = ckpt.get('state_dict', ckpt) if isinstance(ckpt, dict) else None
    if not isinstance(state, dict) or not state:
        raise ValueError(f'{filename}: no state_dict in the checkpoint')
    state = strip_module_prefix(state)
    if all(k.startswith('backbone.') for k in state):
        encoder = getattr(model, 'downstream_backbone', None)
        if encoder is None:
            encoder = model.backbone
        sub = select_prefix(state, 'backbone.')
        problems = state_dict_mismatches(encoder.state_dict(), sub)
        if problems:
            raise ValueError(
                f"{filename}: backbone checkpoint does not match the "
                f"config's encoder: " + '; '.join(problems))
        encoder.load_state_dict(sub)
        return f'backbone checkpoint ({len(sub)} tensors)'
    problems = state_dict_mismatches(model.state_dict(), state)
    if problems:
        raise ValueError(f"{filename}: checkpoint does not match the "
                         f"config's model: " + '; '.join(problems))
    model.load_state_dict(state)
    return f'training checkpoint ({len(state)} tensors)'
