"""The model a frozen-feature probe encodes with."""
import copy

import torch
from mmengine.runner import set_random_seed

from skelbench.registry import MODELS

__all__ = ['build_probe_model']


def build_probe_model(cfg, seed: int) -> torch.nn.Module:
    """``cfg.model`` built and initialised under ``seed``, in eval mode.

    Load trained weights into it with
    :func:`skelbench.checkpoint.load_encoder_weights` (a training or a
    backbone checkpoint); without, it is the random initialisation that
    the probes report as ``random init``.
    """
    set_random_seed(seed)
    model = MODELS.build(copy.deepcopy(cfg.model))
    if hasattr(model, 'init_weights'):
        model.init_weights()
    return model.eval()
