"""An optimizer over the parameters that are trained.

mmengine's ``DefaultOptimWrapperConstructor`` hands the optimizer every
parameter of the model, frozen ones included (they get no gradient, so
they are never stepped). Where a part of the model is frozen for the whole
run, e.g. the teacher of a :class:`~skelbench.models.Distiller`, this
constructor leaves it out of the optimizer altogether.
"""
from typing import List

import torch.nn as nn
from mmengine.optim import DefaultOptimWrapperConstructor, OptimWrapper

from skelbench.registry import (OPTIM_WRAPPER_CONSTRUCTORS, OPTIM_WRAPPERS,
                                OPTIMIZERS)


@OPTIM_WRAPPER_CONSTRUCTORS.register_module()
class TrainableOptimWrapperConstructor(DefaultOptimWrapperConstructor):
    """``DefaultOptimWrapperConstructor`` over the parameters with
    ``requires_grad=True`` when the optimizer is built; ``paramwise_cfg``
    works as there.

    A parameter frozen at build time and unfrozen later (e.g. by
    ``FreezeBackboneHook``) would never be trained: use the default
    constructor for such runs.

    Example::

        optim_wrapper = dict(
            optimizer=dict(type='SGD', lr=0.2, momentum=0.9),
            constructor='TrainableOptimWrapperConstructor')
    """

    def __call__(self, model: nn.Module) -> OptimWrapper:
        if hasattr(model, 'module'):
            model = model.module
        if self.paramwise_cfg:
            return super().__call__(model)
        trainable = [p for p in model.parameters() if p.requires_grad]
        if not trainable:
            raise ValueError('TrainableOptimWrapperConstructor: the model '
                             'has no parameter that requires a gradient')
        optimizer = OPTIMIZERS.build(dict(self.optimizer_cfg,
                                          params=trainable))
        wrapper_cfg = dict(self.optim_wrapper_cfg)
        wrapper_cfg.setdefault('type', 'OptimWrapper')
        return OPTIM_WRAPPERS.build(wrapper_cfg,
                                    default_args=dict(optimizer=optimizer))

    def add_params(self, params: List[dict], module: nn.Module,
                   prefix: str = '', **kwargs) -> None:
        start = len(params)
        super().add_params(params, module, prefix, **kwargs)
        params[start:] = [g for g in params[start:]
                          if all(p.requires_grad for p in g['params'])]
