"""Loading pretrained weights into a module by key prefix, loudly.

mmengine's ``PretrainedInit`` loads with ``strict=False``: a wrong prefix
silently loads nothing and a linear probe then evaluates a random encoder,
a classic failure in this field. :func:`load_pretrained_weights` raises
when no key matches and when keys of the module stay missing, and warns
about the checkpoint's keys under the prefix that the module does not use.
"""
import logging
from typing import Optional

import torch
from mmengine.logging import print_log

from .safe_load import safe_torch_load
from .state_dict import (DDP_PREFIX, extract_state_dict, select_prefix,
                         strip_module_prefix)

__all__ = ['load_pretrained_weights']


def load_pretrained_weights(module: torch.nn.Module,
                            checkpoint: str,
                            prefix: Optional[str] = None,
                            allow_missing: bool = False,
                            map_location: str = 'cpu') -> dict:
    """Load ``checkpoint``'s keys starting with ``prefix`` into ``module``.

    The keys of the checkpoint under ``prefix`` are its *encoder keys*. The
    log says how many of them were used; those the module has no parameter
    or buffer for are reported at WARNING level (e.g. a deeper encoder's
    extra blocks).

    Args:
        module: Target module (e.g. a backbone).
        checkpoint (str): Path of the checkpoint file.
        prefix (str, optional): Key prefix to select and strip, e.g.
            ``'backbone.'`` or ``'target_encoder.'``. ``None`` or ``''``
            loads all keys as they are. A ``module.`` prefix (DDP) is
            also accepted in front of it.
        allow_missing (bool): Accept module keys the checkpoint lacks.

    Returns:
        dict: ``matched``, ``missing`` and ``unexpected`` key lists.

    Raises:
        ValueError: If ``checkpoint`` is empty.
        KeyError: If no key matches, or (unless ``allow_missing``) some
            module keys are not in the checkpoint; the message lists
            example keys of both sides.
    """
    if not checkpoint:
        raise ValueError(
            'No pretrained checkpoint was given (init_cfg.checkpoint is '
            "empty). Pass one, e.g. tools/train.py CONFIG --pretrained "
            'PATH, or set init_cfg=None to train from random weights.')
    state = extract_state_dict(safe_torch_load(checkpoint, map_location))
    prefix = prefix or ''
    if not prefix.startswith(DDP_PREFIX):
        state = strip_module_prefix(state)
    selected = select_prefix(state, prefix)
    own = module.state_dict()
    name = type(module).__name__
    matched = sorted(set(selected) & set(own))
    if not matched:
        raise KeyError(
            f'No key of checkpoint {checkpoint} matches the '
            f'{name} with prefix {prefix!r}. Checkpoint '
            f'keys look like {sorted(state)[:5]}; the module expects '
            f'{sorted(own)[:5]}. Set the right prefix (e.g. '
            "'backbone.' or 'target_encoder.').")
    missing = sorted(set(own) - set(selected))
    unexpected = sorted(set(selected) - set(own))
    if missing and not allow_missing:
        raise KeyError(
            f'Checkpoint {checkpoint} (prefix {prefix!r}) lacks '
            f'{len(missing)} of the {len(own)} keys of '
            f'{name}, e.g. {missing[:5]}.')
    incompatible = module.load_state_dict(selected, strict=False)
    if unexpected:
        print_log(
            f'{len(unexpected)} of the {len(selected)} encoder keys of '
            f'checkpoint {checkpoint} (prefix {prefix!r}) are not used by '
            f'{name}: {unexpected[:10]}'
            + (' ...' if len(unexpected) > 10 else ''),
            logger='current', level=logging.WARNING)
    print_log(
        f'Loaded {len(matched)}/{len(own)} keys into {name} from '
        f'{checkpoint} (prefix {prefix!r}): used {len(matched)} of the '
        f"checkpoint's {len(selected)} encoder keys; missing: "
        f'{len(incompatible.missing_keys)}, unexpected: {len(unexpected)}',
        logger='current')
    return dict(matched=matched, missing=missing, unexpected=unexpected)
