"""Checkpoints: safe loading, key prefixes, the downstream encoder,
compatibility checks and atomic writing.

The ground floor of skelbench: imports only torch, numpy and mmengine, so
that models, evaluation, the engine and the tools can all use it.
"""
from .atomic_save import atomic_target, remove_partial_files
from .compatibility import (CheckpointMismatchError, checkpoint_types,
                            model_type_mismatch, optimizer_mismatches,
                            state_dict_mismatches)
from .encoder import (ENCODER_PREFIXES, encoder_state_dict,
                      load_encoder_weights)
from .pretrained import load_pretrained_weights
from .safe_load import allowed_checkpoint_globals, safe_torch_load
from .state_dict import extract_state_dict, select_prefix, strip_module_prefix

__all__ = [
    'safe_torch_load', 'allowed_checkpoint_globals', 'extract_state_dict',
    'strip_module_prefix', 'select_prefix', 'ENCODER_PREFIXES',
    'encoder_state_dict', 'load_encoder_weights', 'load_pretrained_weights',
    'CheckpointMismatchError', 'state_dict_mismatches', 'model_type_mismatch',
    'checkpoint_types', 'optimizer_mismatches', 'atomic_target',
    'remove_partial_files'
]
