"""Optimizer wrappers (``OPTIM_WRAPPERS``) and their constructors
(``OPTIM_WRAPPER_CONSTRUCTORS``)."""
from .layer_decay_optim_wrapper_constructor import (
    LayerDecayOptimWrapperConstructor, param_lr_scales)
from .mixed_precision_optim_wrapper import MixedPrecisionOptimWrapper
from .trainable_optim_wrapper_constructor import \
    TrainableOptimWrapperConstructor

__all__ = ['LayerDecayOptimWrapperConstructor', 'param_lr_scales',
           'MixedPrecisionOptimWrapper', 'TrainableOptimWrapperConstructor']
