"""The parts of a model that stay float32 under mixed precision.

Under ``torch.autocast`` matrix products, convolutions and attention run
in bf16 / fp16. Some computations lose too much that way: losses and their
softmax targets (S-JEPA's latent cross-entropy, InfoNCE logits over a
queue), mean-square errors, normalisations of keys before they enter a
queue, centring buffers. Every such function is decorated with
:func:`float32_ops`, so the rule lives here and nowhere else. Parameters,
EMA copies, queues and BatchNorm statistics are float32 buffers and stay
so: autocast never changes a tensor's storage dtype.
"""
import contextlib
import functools
import inspect
from typing import Callable

import torch

_DEVICE_TYPES = ('cpu', 'cuda')


def _to_float32(x):
    if isinstance(x, torch.Tensor) and x.is_floating_point() and \
            x.dtype != torch.float32 and x.dtype != torch.float64:
        return x.float()
    if isinstance(x, tuple) and hasattr(x, '_fields'):  # namedtuple
        return type(x)(*(_to_float32(v) for v in x))
    if isinstance(x, (list, tuple)):
        return type(x)(_to_float32(v) for v in x)
    if isinstance(x, dict):
        return type(x)((k, _to_float32(v)) for k, v in x.items())
    return x


def active_autocast() -> tuple:
    """Device types whose autocast is enabled right now."""
    return tuple(d for d in _DEVICE_TYPES if torch.is_autocast_enabled(d))


def float32_ops(fn: Callable) -> Callable:
    """Run ``fn`` in float32 even inside ``torch.autocast``.

    Inside an autocast region the decorated function runs with autocast
    disabled and its bf16 / fp16 tensor arguments (also inside lists,
    tuples and dicts) cast to float32, so every op in it, matrix products
    included, computes in float32. Outside autocast it is called as is.
    Gradients flow through the casts. Generator functions are refused:
    their body would run after autocast is switched back on.

    Raises:
        TypeError: ``fn`` is a generator function.
    """
    if inspect.isgeneratorfunction(fn):
        raise TypeError(f'float32_ops cannot wrap the generator function '
                        f'{fn.__qualname__}')

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        devices = active_autocast()
        if not devices:
            return fn(*args, **kwargs)
        args = _to_float32(args)
        kwargs = _to_float32(kwargs)
        with contextlib.ExitStack() as stack:
            for d in devices:
                stack.enter_context(torch.autocast(d, enabled=False))
            return fn(*args, **kwargs)

    return wrapper


def _cpu_has_amx_bf16() -> bool:
    get = getattr(torch.cpu, 'get_capabilities', None)
    return bool(get is not None and get().get('amx_bf16', False))


# read once at import: a plain constant inside forward() keeps
# torch.compile graphs whole
CPU_HAS_AMX_BF16 = _cpu_has_amx_bf16()


def sdpa_upcast_dtype(q: torch.Tensor):
    """The dtype attention should run in instead of ``q``'s, or ``None``.

    On CPUs without AMX-BF16 (AVX512-BF16 or none), torch's CPU flash
    attention is slower in bf16 than in float32 while bf16 GEMMs are
    faster (measurements: docs/precision.md); so under bf16 autocast there
    the attention kernel runs in float32 and the projections around it in
    bf16.
    """
    if q.device.type == 'cpu' and q.dtype == torch.bfloat16 and \
            not CPU_HAS_AMX_BF16:
        return torch.float32
    return None
