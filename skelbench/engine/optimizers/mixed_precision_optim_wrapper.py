"""Mixed-precision optimizer wrapper for CPU and GPU."""
import logging
from contextlib import contextmanager
from typing import Union

import torch
from mmengine.logging import print_log
from mmengine.optim import OptimWrapper
from torch import nn

from skelbench.registry import OPTIM_WRAPPERS

from ..precision import (PrecisionChoice, cuda_capabilities,
                         select_precision)

_REPORTED = set()


def _report_once(choice: PrecisionChoice) -> None:
    key = (choice.name, choice.device_type, choice.reason)
    if key in _REPORTED:
        return
    _REPORTED.add(key)
    level = logging.WARNING if choice.fallback else logging.INFO
    what = 'float32 (no autocast)' if choice.dtype is None else \
        f'{choice.name} autocast' + (' + dynamic gradient scaler'
                                     if choice.grad_scaler else '')
    print_log(f'mixed precision on {choice.device_type}: {what}; '
              f'{choice.reason}', logger='current', level=level)


@OPTIM_WRAPPERS.register_module()
class MixedPrecisionOptimWrapper(OptimWrapper):
    """:class:`~mmengine.optim.OptimWrapper` with autocast on any device.

    mmengine's ``AmpOptimWrapper`` refuses to run without an accelerator;
    this wrapper runs ``train_step``'s forward pass in
    ``torch.autocast(device_type, dtype)`` on CPU and GPU alike. The
    precision comes from :func:`skelbench.engine.precision.select_precision`
    for the device of the optimizer's parameters: ``'auto'`` picks bf16 on
    CPUs with AMX-BF16 / AVX512-BF16 and on CUDA devices with native bf16,
    fp16 + a dynamic gradient scaler on older GPUs, and float32 elsewhere
    (logged once, as a warning, with the reason). Parameters, gradients,
    optimizer state, EMA copies and buffers stay float32: autocast only
    changes the dtype of the forward ops it lists; the parts of a model
    that must stay float32 under autocast use
    :func:`skelbench.models.utils.float32_ops`.

    The gradient scaler's state is saved in ``state_dict()['loss_scaler']``
    and restored on resume, as in ``AmpOptimWrapper``.

    Args:
        precision (str): ``'auto'``, ``'bf16'``, ``'fp16'`` or ``'fp32'``.
        loss_scale (str | float | dict): The fp16 gradient scaler:
            ``'dynamic'``, an initial scale, or ``GradScaler`` kwargs.
        **kwargs: :class:`~mmengine.optim.OptimWrapper` arguments.
    """

    def __init__(self, precision: str = 'auto',
                 loss_scale: Union[str, float, dict] = 'dynamic',
                 **kwargs):
        super().__init__(**kwargs)
        self.requested_precision = precision
        self.precision = self._select(self._device())
        self.loss_scaler = None
        self._scale_update_param = None
        if self.precision.grad_scaler:
            dev = self.precision.device_type
            if loss_scale == 'dynamic':
                self.loss_scaler = torch.amp.GradScaler(dev)
            elif isinstance(loss_scale, (int, float)):
                self._scale_update_param = float(loss_scale)
                self.loss_scaler = torch.amp.GradScaler(
                    dev, init_scale=float(loss_scale))
            elif isinstance(loss_scale, dict):
                self.loss_scaler = torch.amp.GradScaler(dev, **loss_scale)
            else:
                raise TypeError("loss_scale must be 'dynamic', a number or "
                                f'a dict of GradScaler kwargs, got '
                                f'{loss_scale!r}')

    def _device(self) -> torch.device:
        for group in self.optimizer.param_groups:
            for p in group['params']:
                return p.device
        return torch.device('cpu')

    def _select(self, device: torch.device) -> PrecisionChoice:
        caps = None
        if device.type == 'cuda':
            caps = cuda_capabilities(device)
        choice = select_precision(self.requested_precision, device.type,
                                  caps)
        _report_once(choice)
        return choice

    @property
    def cast_dtype(self):
        """The autocast dtype (``None`` = float32)."""
        return self.precision.dtype

    def backward(self, loss: torch.Tensor, **kwargs) -> None:
        if self.loss_scaler is not None:
            loss = self.loss_scaler.scale(loss)
        loss.backward(**kwargs)
        self._inner_count += 1

    def step(self, **kwargs) -> None:
        if self.loss_scaler is None:
            return super().step(**kwargs)
        if self.clip_grad_kwargs:
            self.loss_scaler.unscale_(self.optimizer)
            self._clip_grad()
        self.loss_scaler.step(self.optimizer, **kwargs)
        self.loss_scaler.update(self._scale_update_param)

    def state_dict(self) -> dict:
        state = super().state_dict()
        if self.loss_scaler is not None:
            state['loss_scaler'] = self.loss_scaler.state_dict()
        return state

    def load_state_dict(self, state_dict: dict) -> None:
        state_dict = dict(state_dict)
        scaler = state_dict.pop('loss_scaler', None)
        if scaler and self.loss_scaler is not None:
            self.loss_scaler.load_state_dict(scaler)
        if 'base_param_settings' in state_dict:
            self.base_param_settings = state_dict.pop('base_param_settings')
        self.optimizer.load_state_dict(state_dict)

    @contextmanager
    def optim_context(self, model: nn.Module):
        param = next(model.parameters(), None)
        if param is not None and \
                param.device.type != self.precision.device_type:
            # the model moved after the wrapper was built
            if self.precision.grad_scaler or self._select(
                    param.device).grad_scaler:
                raise RuntimeError(
                    'MixedPrecisionOptimWrapper was built for '
                    f'{self.precision.device_type} parameters but the model '
                    f'is on {param.device}; build it after moving the model')
            self.precision = self._select(param.device)
        with super().optim_context(model):
            if self.precision.dtype is None:
                yield
            else:
                with torch.autocast(self.precision.device_type,
                                    dtype=self.precision.dtype):
                    yield
