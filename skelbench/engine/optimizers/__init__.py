"""Optimizer wrapper constructors (registry ``OPTIM_WRAPPER_CONSTRUCTORS``)."""
from .layer_decay_optim_wrapper_constructor import (
    LayerDecayOptimWrapperConstructor, param_lr_scales)

__all__ = ['LayerDecayOptimWrapperConstructor', 'param_lr_scales']
