"""Which floating-point precision a training step runs in, per device.

:func:`select_precision` turns a request (``'auto'``, ``'bf16'``,
``'fp16'``, ``'fp32'``) and the device's capabilities into a
:class:`PrecisionChoice`: the autocast dtype (``None`` = float32), whether
a gradient scaler is needed, and why. ``'auto'`` follows the hardware:

==========================  ==========================================
device                      ``'auto'`` gives
==========================  ==========================================
CUDA with native bf16       bf16 autocast (compute capability >= 8.0)
older CUDA GPU              fp16 autocast + dynamic gradient scaler
CPU with AMX-BF16 or        bf16 autocast (oneDNN bf16 GEMMs)
AVX512-BF16
other CPU (e.g. AVX2 only)  float32: bf16 would be emulated, slower
other devices               float32
==========================  ==========================================

Which parts stay float32 under autocast is decided in one place,
:func:`skelbench.models.utils.float32_ops`.
"""
import dataclasses
from typing import Mapping, Optional, Union

import torch

_ALIASES = {
    'auto': 'auto', True: 'auto', 'amp': 'auto',
    'bf16': 'bf16', 'bfloat16': 'bf16',
    'fp16': 'fp16', 'float16': 'fp16', 'half': 'fp16',
    'fp32': 'fp32', 'float32': 'fp32', None: 'fp32', False: 'fp32',
}
_DTYPES = {'bf16': torch.bfloat16, 'fp16': torch.float16, 'fp32': None}


@dataclasses.dataclass(frozen=True)
class PrecisionChoice:
    """The outcome of :func:`select_precision`.

    Attributes:
        name (str): ``'bf16'``, ``'fp16'`` or ``'fp32'``.
        device_type (str): ``'cpu'``, ``'cuda'``, ...
        dtype (torch.dtype | None): Autocast dtype; ``None`` = no autocast.
        grad_scaler (bool): Whether gradients need loss scaling (fp16).
        reason (str): Why this precision was chosen.
        fallback (bool): ``True`` when mixed precision was asked for
            (``'auto'``) and float32 was chosen.
    """
    name: str
    device_type: str
    dtype: Optional[torch.dtype]
    grad_scaler: bool
    reason: str
    fallback: bool = False


def normalize_request(requested) -> str:
    """``'auto'`` / ``'bf16'`` / ``'fp16'`` / ``'fp32'`` from a flag
    value, a dtype name or a bool; raises ``ValueError`` otherwise."""
    key = requested.lower() if isinstance(requested, str) else requested
    if isinstance(key, torch.dtype):
        key = str(key).replace('torch.', '')
    if key not in _ALIASES:
        raise ValueError(
            f'precision={requested!r}: expected one of auto, bf16, fp16, '
            'fp32 (or bfloat16 / float16 / float32)')
    return _ALIASES[key]


def cpu_capabilities() -> dict:
    """This CPU's instruction-set flags that matter for bf16 / fp16:
    ``{'cpu_name', 'amx_bf16', 'avx512_bf16', 'amx_fp16', 'avx512_fp16',
    'avx2'}`` (from ``torch.cpu.get_capabilities()`` or, where that is
    missing, ``/proc/cpuinfo``)."""
    keys = ('amx_bf16', 'avx512_bf16', 'amx_fp16', 'avx512_fp16', 'avx2')
    get = getattr(torch.cpu, 'get_capabilities', None)
    if get is not None:
        caps = get()
        out = {k: bool(caps.get(k, False)) for k in keys}
        out['cpu_name'] = str(caps.get('cpu_name', 'unknown CPU'))
        return out
    flags, name = set(), 'unknown CPU'
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('flags') and not flags:
                    flags = set(line.split(':', 1)[1].split())
                elif line.startswith('model name') and name == 'unknown CPU':
                    name = line.split(':', 1)[1].strip()
    except OSError:
        pass
    out = {k: k in flags for k in keys}
    out['cpu_name'] = name
    return out


def cuda_capabilities(device: Union[int, str, torch.device, None] = None
                      ) -> dict:
    """``{'name', 'capability': (major, minor), 'bf16': bool}`` of a CUDA
    device (native bf16 = compute capability >= 8.0)."""
    major, minor = torch.cuda.get_device_capability(device)
    return dict(name=torch.cuda.get_device_name(device),
                capability=(major, minor), bf16=major >= 8)


def select_precision(requested='auto', device_type: str = 'cpu',
                     capabilities: Optional[Mapping] = None
                     ) -> PrecisionChoice:
    """Choose the training precision for ``device_type``.

    Args:
        requested: ``'auto'`` (follow the hardware), ``'bf16'``, ``'fp16'``
            or ``'fp32'`` (aliases: ``True`` = auto, ``False`` / ``None`` =
            fp32, dtype names).
        device_type (str): ``'cpu'``, ``'cuda'``, ...
        capabilities (Mapping, optional): The device's flags as
            :func:`cpu_capabilities` / :func:`cuda_capabilities` return
            them (read from the device when omitted).

    Returns:
        PrecisionChoice

    Raises:
        ValueError: an unknown request, or bf16 on a CUDA device without
            bf16 support.
    """
    req = normalize_request(requested)
    dev = str(device_type).split(':')[0]
    if req == 'fp32':
        return PrecisionChoice('fp32', dev, None, False, 'float32 requested')
    if dev == 'cuda':
        caps = dict(capabilities) if capabilities is not None \
            else cuda_capabilities()
        what = f"{caps.get('name', 'GPU')} (compute capability " \
               f"{'.'.join(map(str, caps.get('capability', ('?',))))})"
        if req == 'auto':
            if caps.get('bf16'):
                return PrecisionChoice('bf16', dev, torch.bfloat16, False,
                                       f'{what} has native bf16')
            return PrecisionChoice(
                'fp16', dev, torch.float16, True,
                f'{what} has no native bf16: fp16 with a gradient scaler')
        if req == 'bf16' and not caps.get('bf16'):
            raise ValueError(f'precision=bf16: {what} has no native bf16; '
                             "use 'fp16' or 'auto'")
        return PrecisionChoice(req, dev, _DTYPES[req], req == 'fp16',
                               f'{req} requested on {what}')
    if dev == 'cpu':
        caps = dict(capabilities) if capabilities is not None \
            else cpu_capabilities()
        name = caps.get('cpu_name', 'this CPU')
        bf16_units = [k for k in ('amx_bf16', 'avx512_bf16') if caps.get(k)]
        fp16_units = [k for k in ('amx_fp16', 'avx512_fp16') if caps.get(k)]
        if req == 'auto':
            if bf16_units:
                return PrecisionChoice(
                    'bf16', dev, torch.bfloat16, False,
                    f"{name} has {' and '.join(bf16_units).upper()}")
            return PrecisionChoice(
                'fp32', dev, None, False,
                f'{name} has neither AMX-BF16 nor AVX512-BF16: bf16 '
                'matrix products would be emulated and slower than '
                'float32, so mixed precision is off', fallback=True)
        units = bf16_units if req == 'bf16' else fp16_units
        note = '' if units else (
            f' ({name} has no {req} units: expect it to be slower than '
            'float32)')
        return PrecisionChoice(req, dev, _DTYPES[req], req == 'fp16',
                               f'{req} requested{note}')
    if req == 'auto':
        return PrecisionChoice('fp32', dev, None, False,
                               f'no mixed-precision rule for {dev!r}',
                               fallback=True)
    return PrecisionChoice(req, dev, _DTYPES[req], req == 'fp16',
                           f'{req} requested on {dev}')


_WRAPPERS = ('OptimWrapper', 'AmpOptimWrapper', 'MixedPrecisionOptimWrapper')


def set_precision(cfg, precision='auto') -> None:
    """Make ``cfg.optim_wrapper`` a ``MixedPrecisionOptimWrapper`` with
    ``precision`` (what ``tools/train.py --amp`` does). An mmengine
    ``AmpOptimWrapper`` entry keeps its ``loss_scale``; its ``dtype``
    is replaced by ``precision``.

    Raises:
        ValueError: the config has no optimizer wrapper, its type is not
            ``OptimWrapper``, ``AmpOptimWrapper`` or
            ``MixedPrecisionOptimWrapper``, or ``precision`` is unknown.
    """
    normalize_request(precision)
    wrapper = cfg.get('optim_wrapper', None)
    if wrapper is None:
        raise ValueError('--amp: the config has no optim_wrapper')
    kind = wrapper.get('type', 'OptimWrapper')
    if kind not in _WRAPPERS:
        raise ValueError(f'--amp: optim_wrapper.type={kind!r} cannot be '
                         f'made mixed precision (supported: {_WRAPPERS})')
    wrapper.pop('dtype', None)
    wrapper['type'] = 'MixedPrecisionOptimWrapper'
    wrapper['precision'] = precision
