"""Momentum BatchNorm statistics of a target network.

Skeleton BYOL (Moliner et al., CVPRW'22, §3.1, after Cai et al. and Li,
Liu & Sun): the target network gets no gradient, so its BatchNorm layers
need no batch statistics of their own (nor SyncBN across processes).
Each BN layer of the target normalises with a moving average of the
*online* network's batch statistics, updated after every training
iteration (eq. 4)::

    mu    <- alpha mu    + (1 - alpha) mu_b
    sigma <- alpha sigma + (1 - alpha) sigma_b

with ``mu_b``, ``sigma_b`` the per-channel batch mean and variance that
the corresponding online BN layer computed in the iteration.
"""
from contextlib import contextmanager
from typing import Dict, List, Optional

import torch
from mmengine.dist import all_reduce, get_world_size
from torch import nn
from torch.nn.modules.batchnorm import _BatchNorm


def batchnorm_layers(model: nn.Module) -> List[str]:
    """Names (``named_modules``) of the BatchNorm layers of ``model``."""
    return [n for n, m in model.named_modules() if isinstance(m, _BatchNorm)]


class MomentumBatchNorm(nn.Module):
    """Moving averages (eq. 4) of the batch statistics of a network's BN
    layers, to be used as the statistics of its target copy.

    For every BatchNorm layer ``l`` of the online network (``C_l``
    channels) the buffers ``mean_<i>`` and ``var_<i>`` (``(C_l,)``, in
    checkpoints: a resumed run continues exactly) hold ``mu`` and
    ``sigma`` of eq. 4. Usage per iteration:

    1. ``with mbn.record(online): ...`` -- the online forward passes; a
       forward hook on each BN layer in training mode stores the batch
       mean ``mu_b = mean_{n, t, v} x`` and the (unbiased, as BN's running
       variance) variance ``sigma_b`` of its input ``x (B, C_l, ...)``.
       Several passes (one per view) are averaged.
    2. ``mbn.step()`` -- after the optimizer step: eq. 4 with the recorded
       statistics (averaged over processes under DDP: one all-reduce of
       all layers together instead of SyncBN's two per layer and pass).
    3. ``mbn.load_into(target)`` -- before the target forward: copy ``mu``,
       ``sigma`` into the target's ``running_mean`` / ``running_var`` (the
       target runs its BN layers in eval mode).

    The first :meth:`step` copies the batch statistics (``alpha = 0``
    once, as the EMA copies the weights at the start), so that the target
    does not normalise with the placeholder statistics of fresh layers
    (0 and 1) for the first ``~1 / (1 - alpha)`` iterations; the update
    counter ``num_updates`` is a buffer.

    Args:
        model (nn.Module): The online network (names are taken relative
            to it; the target must have the same structure).
        momentum (float, optional): ``alpha`` in [0, 1] (the paper gives
            no value); ``None``: given to every :meth:`step` (e.g. the
            momentum of the weights' EMA step).
    """

    def __init__(self, model: nn.Module, momentum: Optional[float] = 0.9):
        super().__init__()
        if momentum is not None and not 0 <= float(momentum) <= 1:
            raise ValueError(f'momentum (alpha) must be in [0, 1], got '
                             f'{momentum}')
        self.momentum = None if momentum is None else float(momentum)
        self.layer_names = batchnorm_layers(model)
        if not self.layer_names:
            raise ValueError('MomentumBatchNorm: the network has no '
                             'BatchNorm layer')
        modules = dict(model.named_modules())
        for i, name in enumerate(self.layer_names):
            bn = modules[name]
            if not bn.track_running_stats:
                raise ValueError(f'MomentumBatchNorm: BN layer {name!r} does '
                                 'not track running statistics')
            self.register_buffer(f'mean_{i}', bn.running_mean.detach().clone())
            self.register_buffer(f'var_{i}', bn.running_var.detach().clone())
        self.register_buffer('num_updates', torch.zeros((), dtype=torch.long))
        self._sums: Dict[int, List] = {}

    # ------------------------------------------------------------------
    def stats(self, i: int):
        """``(mu, sigma)`` of layer ``i``."""
        return getattr(self, f'mean_{i}'), getattr(self, f'var_{i}')

    def _layers(self, model: nn.Module) -> List[_BatchNorm]:
        modules = dict(model.named_modules())
        missing = [n for n in self.layer_names if n not in modules]
        if missing:
            raise KeyError(f'MomentumBatchNorm: the network lacks the BN '
                           f'layers {missing[:3]}')
        return [modules[n] for n in self.layer_names]

    @staticmethod
    @torch.no_grad()
    def batch_stats(x: torch.Tensor):
        """Per-channel mean and unbiased variance of ``x (B, C, ...)``."""
        dims = [0] + list(range(2, x.dim()))
        var, mean = torch.var_mean(x.detach().float(), dim=dims,
                                   correction=1)
        return mean, var

    def _hook(self, i: int):
        def hook(module, inputs, output):
            if not module.training:
                return
            mean, var = self.batch_stats(inputs[0])
            acc = self._sums.get(i)
            if acc is None:
                self._sums[i] = [mean, var, 1]
            else:
                acc[0] = acc[0] + mean
                acc[1] = acc[1] + var
                acc[2] += 1
        return hook

    @contextmanager
    def record(self, model: nn.Module):
        """Record the batch statistics of ``model``'s BN layers (training
        mode only) during the block."""
        handles = [bn.register_forward_hook(self._hook(i))
                   for i, bn in enumerate(self._layers(model))]
        try:
            yield self
        finally:
            for h in handles:
                h.remove()

    @property
    def num_recorded(self) -> int:
        """Layers with recorded statistics since the last :meth:`step`."""
        return len(self._sums)

    @torch.no_grad()
    def step(self, momentum: Optional[float] = None) -> None:
        """Eq. 4 for every layer with the recorded batch statistics; the
        record is cleared. Without any record, nothing changes.

        Args:
            momentum (float, optional): ``alpha`` of this update (default:
                the constructor's).

        Raises:
            RuntimeError: If only some layers were recorded (a BN layer
                bypassed in its forward, e.g. called functionally).
        """
        if not self._sums:
            return
        n = len(self.layer_names)
        if len(self._sums) != n:
            missed = [self.layer_names[i] for i in range(n)
                      if i not in self._sums]
            self._sums = {}
            raise RuntimeError(
                'MomentumBatchNorm: no batch statistics were recorded for '
                f'the BN layers {missed[:3]} (their module was not called '
                'in the online forward)')
        means = [self._sums[i][0] / self._sums[i][2] for i in range(n)]
        vars_ = [self._sums[i][1] / self._sums[i][2] for i in range(n)]
        self._sums = {}
        if get_world_size() > 1:
            flat = torch.cat(means + vars_)
            all_reduce(flat, op='mean')
            parts = list(flat.split([m.numel() for m in means + vars_]))
            means, vars_ = parts[:n], parts[n:]
        a = self.momentum if momentum is None else float(momentum)
        if a is None:
            raise ValueError('MomentumBatchNorm: no momentum given (the '
                             'constructor had momentum=None)')
        if int(self.num_updates) == 0:
            a = 0.
        for i in range(n):
            mu, sigma = self.stats(i)
            mu.mul_(a).add_(means[i].to(mu.dtype), alpha=1 - a)
            sigma.mul_(a).add_(vars_[i].to(sigma.dtype), alpha=1 - a)
        self.num_updates += 1

    @torch.no_grad()
    def load_into(self, model: nn.Module) -> None:
        """Copy ``mu``, ``sigma`` into the BN running statistics of
        ``model`` (the target network)."""
        for i, bn in enumerate(self._layers(model)):
            mu, sigma = self.stats(i)
            bn.running_mean.copy_(mu)
            bn.running_var.copy_(sigma)

    @torch.no_grad()
    def sync(self, model: nn.Module) -> None:
        """Reset ``mu``, ``sigma`` to ``model``'s running statistics (the
        update counter is kept)."""
        self._sums = {}
        for i, bn in enumerate(self._layers(model)):
            mu, sigma = self.stats(i)
            mu.copy_(bn.running_mean)
            sigma.copy_(bn.running_var)

    def extra_repr(self) -> str:
        return f'layers={len(self.layer_names)}, momentum={self.momentum}'
