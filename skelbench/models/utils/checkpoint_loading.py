"""Loading pretrained weights by key prefix, loudly.

mmengine's ``PretrainedInit`` loads with ``strict=False``: a wrong prefix
silently loads nothing and a linear probe then evaluates a random encoder,
a classic failure in this field. :func:`load_pretrained_weights` raises
when no key matches, and when keys of the module stay missing.
"""
from typing import Dict, Optional

import torch
from mmengine.logging import print_log

from skelbench.engine.checkpoint_compat import safe_torch_load


def extract_state_dict(checkpoint) -> Dict[str, torch.Tensor]:
    """The weights of a checkpoint (``state_dict``/``model``/bare dict)."""
    if isinstance(checkpoint, dict):
        for key in ('state_dict', 'model', 'module'):
            if key in checkpoint and isinstance(checkpoint[key], dict):
                return checkpoint[key]
        return checkpoint
    raise TypeError('a checkpoint must be a dict, got '
                    f'{type(checkpoint).__name__}')


def load_pretrained_weights(module: torch.nn.Module,
                            checkpoint: str,
                            prefix: Optional[str] = None,
                            allow_missing: bool = False,
                            map_location: str = 'cpu') -> dict:
    """Load ``checkpoint``'s keys starting with ``prefix`` into ``module``.

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
    selected = {}
    for key, value in state.items():
        k = key[len('module.'):] if key.startswith('module.') and \
            not prefix.startswith('module.') else key
        if k.startswith(prefix):
            selected[k[len(prefix):]] = value
    own = module.state_dict()
    matched = sorted(set(selected) & set(own))
    if not matched:
        raise KeyError(
            f'No key of checkpoint {checkpoint} matches the '
            f'{type(module).__name__} with prefix {prefix!r}. Checkpoint '
            f'keys look like {sorted(state)[:5]}; the module expects '
            f'{sorted(own)[:5]}. Set the right prefix (e.g. '
            "'backbone.' or 'target_encoder.').")
    missing = sorted(set(own) - set(selected))
    unexpected = sorted(set(selected) - set(own))
    if missing and not allow_missing:
        raise KeyError(
            f'Checkpoint {checkpoint} (prefix {prefix!r}) lacks '
            f'{len(missing)} of the {len(own)} keys of '
            f'{type(module).__name__}, e.g. {missing[:5]}.')
    incompatible = module.load_state_dict(selected, strict=False)
    print_log(
        f'Loaded {len(matched)}/{len(own)} keys into '
        f'{type(module).__name__} from {checkpoint} (prefix {prefix!r}); '
        f'missing: {len(incompatible.missing_keys)}, unexpected: '
        f'{len(unexpected)}', logger='current')
    return dict(matched=matched, missing=missing, unexpected=unexpected)
