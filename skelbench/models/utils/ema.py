"""Momentum (EMA) copies of modules with a cosine momentum schedule.

Shared by the methods that keep a slowly moving copy of an encoder:
S-JEPA's target encoder (Abdelfattah & Alahi, ECCV'24: ``lambda`` cosine
from 0.9999 to 1 over training, updated after every iteration) and the
momentum encoder of Gong et al. (AAAI'24: ``mu = 0.999``, MoCo-style).
"""
import math
from typing import Optional

import torch
from mmengine.logging import MessageHub, print_log
from mmengine.model.averaged_model import BaseAveragedModel
from torch import Tensor, nn

from skelbench.registry import MODELS


@MODELS.register_module()
class CosineMomentumEMA(BaseAveragedModel):
    """EMA copy ``theta_bar`` of a module, ``theta_bar <- lambda theta_bar +
    (1 - lambda) theta``, with a cosine momentum schedule.

    ``lambda_k = lambda_end - (lambda_end - lambda_base) (cos(pi k / K) +
    1) / 2`` for the ``k``-th update (``k = 0, 1, ...``) of a run of ``K``
    optimizer steps; ``k >= K`` gives ``lambda_end``. With ``lambda_end ==
    lambda_base`` the momentum is constant (MoCo, Gong et al.).

    ``K`` is ``max_iters`` when given, else the ``'max_iters'`` runtime
    info of mmengine's :class:`MessageHub` (set by ``RuntimeInfoHook``
    before training, also for epoch-based loops), read at every update.
    Without either, ``lambda_base`` is used (with a warning, once).

    Unlike mmengine's :class:`ExponentialMovingAverage`, the momentum is
    the paper's ``lambda`` (the weight of the *old* average) and the first
    update is an EMA step, not a copy (the copy is made at construction
    and by :meth:`sync`). The update counter ``steps`` is a buffer, so the
    copy, its counter and hence the schedule are in checkpoints and a
    resumed run continues exactly.

    Args:
        model (nn.Module): The online module to copy (deep copy, frozen).
        base_momentum (float): ``lambda_base`` (S-JEPA 0.9999).
        end_momentum (float): ``lambda_end`` (S-JEPA 1.0).
        max_iters (int, optional): ``K``; default from the MessageHub.
        update_buffers (bool): Average the buffers too (else copied).
    """

    def __init__(self, model: nn.Module, base_momentum: float = 0.996,
                 end_momentum: float = 1.0, max_iters: Optional[int] = None,
                 update_buffers: bool = False,
                 device: Optional[torch.device] = None) -> None:
        for name, val in (('base_momentum', base_momentum),
                          ('end_momentum', end_momentum)):
            if not 0 <= float(val) <= 1:
                raise ValueError(f'{name} must be in [0, 1], got {val}')
        super().__init__(model, interval=1, device=device,
                         update_buffers=update_buffers)
        self.base_momentum = float(base_momentum)
        self.end_momentum = float(end_momentum)
        self.max_iters = None if max_iters is None else int(max_iters)
        self._warned = False

    def get_max_iters(self) -> Optional[int]:
        if self.max_iters is not None:
            return self.max_iters
        if MessageHub._instance_dict:
            hub = MessageHub.get_current_instance()
            value = hub.get_info('max_iters')
            if value is not None:
                return int(value)
        return None

    def momentum_at(self, step: int) -> float:
        """``lambda_k`` of the ``k = step``-th update."""
        if self.end_momentum == self.base_momentum:
            return self.base_momentum
        total = self.get_max_iters()
        if not total:
            if not self._warned:
                print_log('CosineMomentumEMA: max_iters unknown, using the '
                          f'base momentum {self.base_momentum}', 'current')
                self._warned = True
            return self.base_momentum
        frac = min(float(step), float(total)) / float(total)
        return self.end_momentum - (self.end_momentum - self.base_momentum
                                    ) * (math.cos(math.pi * frac) + 1) / 2

    @property
    def momentum(self) -> float:
        """Momentum of the next update."""
        return self.momentum_at(int(self.steps))

    def avg_func(self, averaged_param: Tensor, source_param: Tensor,
                 steps: int) -> None:
        lam = self.momentum_at(int(steps))
        averaged_param.mul_(lam).add_(source_param, alpha=1 - lam)

    @torch.no_grad()
    def update_parameters(self, model: nn.Module) -> None:
        """One EMA step from ``model`` (then ``steps += 1``)."""
        src = model.state_dict() if self.update_buffers else dict(
            model.named_parameters())
        # fetched afresh: robust to module conversions (.to, swaps)
        self.avg_parameters = self.module.state_dict() \
            if self.update_buffers else dict(self.module.named_parameters())
        if set(src) != set(self.avg_parameters):
            raise KeyError('CosineMomentumEMA: the online module does not '
                           'match the averaged copy')
        step = int(self.steps)
        for k, p_avg in self.avg_parameters.items():
            if p_avg.dtype.is_floating_point:
                self.avg_func(p_avg.data, src[k].data.to(p_avg.device),
                              step)
            else:
                p_avg.data.copy_(src[k].data)
        if not self.update_buffers:
            for b_avg, b_src in zip(self.module.buffers(), model.buffers()):
                b_avg.data.copy_(b_src.data.to(b_avg.device))
        self.steps += 1

    @torch.no_grad()
    def sync(self, model: nn.Module) -> None:
        """Copy every parameter and buffer of ``model`` (the counter is
        kept). Used after the online module's weight init."""
        self.module.load_state_dict(model.state_dict())

    def train(self, mode: bool = True):
        """The averaged copy stays in eval mode (no dropout, fixed BN)."""
        super().train(mode)
        self.module.eval()
        return self
