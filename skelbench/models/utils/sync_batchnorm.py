"""Synchronised BatchNorm that runs on any process-group backend (gloo on
CPU included).

``torch.nn.SyncBatchNorm`` accepts CUDA / XPU inputs only; a CPU-only DDP
run (gloo) that asks for ``sync_bn`` would fail in its first forward.
:class:`AllReduceBatchNorm` computes the batch statistics over the
samples of every process with one differentiable all-reduce per layer
(``torch.distributed.nn.functional.all_reduce``, so the gradients flow
through the statistics exactly as in single-process BN over the global
batch), and :func:`convert_allreduce_batchnorm` swaps it in for a model's
``BatchNorm{1,2,3}d`` layers. ``SkeletonRunner`` uses it for
``sync_bn = 'torch'`` when a distributed run has no GPU.
"""
import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.distributed.nn.functional import all_reduce

__all__ = ['AllReduceBatchNorm', 'batch_norm_channels',
           'convert_allreduce_batchnorm']

_PLAIN_BN = (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d)


class AllReduceBatchNorm(nn.modules.batchnorm._BatchNorm):
    """BatchNorm whose training-mode statistics are those of the global
    batch (all processes of the default group).

    For input ``x`` of shape ``(N, C, *)`` on each of ``W`` processes, with
    ``n = sum_w N_w * prod(*)`` values per channel::

        mean_c = sum_w sum x_c / n,   var_c = sum_w sum x_c^2 / n - mean_c^2

    (biased variance for normalising, ``var * n / (n - 1)`` for the running
    estimate, as ``nn.BatchNorm``); ``y = (x - mean) / sqrt(var + eps) *
    weight + bias``. The three sums travel in one all-reduce of ``2 C + 1``
    values. Outside training, without an initialised process group, or with
    one process it is ``nn.BatchNorm``. Input of any rank ``>= 2``.
    """

    def _check_input_dim(self, input: torch.Tensor) -> None:
        if input.dim() < 2:
            raise ValueError(f'expected an input of at least 2 dimensions '
                             f'(N, C, ...), got {input.dim()}')

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self._check_input_dim(x)
        return self.forward_channels(x, self.num_features)

    def forward_channels(self, x: torch.Tensor, k: int) -> torch.Tensor:
        """Normalise ``x (N, k, *)`` with the first ``k`` of this layer's
        channels (weights, bias and running statistics; the others are
        left alone), with global-batch statistics as :meth:`forward`."""
        if not 0 < k <= self.num_features or x.size(1) != k:
            raise ValueError(f'forward_channels: input has {x.size(1)} '
                             f'channels, asked for {k} of '
                             f'{self.num_features}')
        use_batch = self.training or not self.track_running_stats
        if not (use_batch and dist.is_available() and dist.is_initialized()
                and dist.get_world_size() > 1):
            if k == self.num_features:
                return nn.modules.batchnorm._BatchNorm.forward(self, x)
            return _local_batch_norm(self, x, k)
        C = k
        dims = [0] + list(range(2, x.dim()))
        xf = x.float()
        count = xf.new_full((1, ), float(x.numel() // C))
        stats = all_reduce(torch.cat([xf.sum(dims), (xf * xf).sum(dims),
                                      count]))
        n = stats[-1]
        if float(n) < 2:
            raise ValueError('AllReduceBatchNorm: the global batch has fewer '
                             'than 2 values per channel')
        mean = stats[:C] / n
        var = (stats[C:2 * C] / n - mean * mean).clamp_min(0.)
        if self.training and self.track_running_stats:
            self.num_batches_tracked.add_(1)
            momentum = (1. / float(self.num_batches_tracked)
                        if self.momentum is None else self.momentum)
            with torch.no_grad():
                self.running_mean[:C].lerp_(
                    mean.to(self.running_mean.dtype), momentum)
                self.running_var[:C].lerp_(
                    (var * n / (n - 1)).to(self.running_var.dtype), momentum)
        shape = (1, C) + (1, ) * (x.dim() - 2)
        y = (xf - mean.view(shape)) * torch.rsqrt(var.view(shape) + self.eps)
        if self.affine:
            y = y * self.weight[:C].view(shape) + self.bias[:C].view(shape)
        return y.to(x.dtype)


def _local_batch_norm(bn: nn.modules.batchnorm._BatchNorm, x: torch.Tensor,
                      k: int) -> torch.Tensor:
    """``bn`` restricted to its first ``k`` channels, this process's batch
    only (as ``nn.BatchNorm``)."""
    use_batch = bn.training or bn.running_mean is None
    momentum = bn.momentum
    if bn.training and bn.track_running_stats and \
            bn.num_batches_tracked is not None:
        bn.num_batches_tracked.add_(1)
        if momentum is None:
            momentum = 1. / float(bn.num_batches_tracked)
    sliced = (lambda t: None if t is None else t[:k])
    return F.batch_norm(x, sliced(bn.running_mean), sliced(bn.running_var),
                        sliced(bn.weight), sliced(bn.bias), use_batch,
                        0. if momentum is None else momentum, bn.eps)


def batch_norm_channels(bn: nn.modules.batchnorm._BatchNorm,
                        x: torch.Tensor, k: int) -> torch.Tensor:
    """``bn`` applied to ``x (N, k, *)`` with its first ``k`` channels.

    An :class:`AllReduceBatchNorm` (or a ``torch.nn.SyncBatchNorm``, whose
    own kernel cannot take part of its channels) normalises with the
    global batch's statistics under a process group, as the whole layer
    would; a plain BatchNorm with this process's batch.
    """
    if k == bn.num_features:
        return bn(x)
    if isinstance(bn, AllReduceBatchNorm):
        return bn.forward_channels(x, k)
    if isinstance(bn, nn.SyncBatchNorm):
        return AllReduceBatchNorm.forward_channels(bn, x, k)
    return _local_batch_norm(bn, x, k)


def convert_allreduce_batchnorm(module: nn.Module) -> nn.Module:
    """Replace every ``nn.BatchNorm{1,2,3}d`` of ``module`` (recursively,
    not subclasses with their own behaviour) by an
    :class:`AllReduceBatchNorm` with the same parameters, buffers and
    settings; returns the (possibly new) module."""
    if type(module) in _PLAIN_BN:
        new = AllReduceBatchNorm(module.num_features, module.eps,
                                 module.momentum, module.affine,
                                 module.track_running_stats)
        new.load_state_dict(module.state_dict())
        new.train(module.training)
        for p_new, p_old in zip(new.parameters(), module.parameters()):
            p_new.requires_grad_(p_old.requires_grad)
        return new.to(next(module.buffers(), torch.empty(0)).device)
    for name, child in module.named_children():
        converted = convert_allreduce_batchnorm(child)
        if converted is not child:
            setattr(module, name, converted)
    return module
