"""Opt-in ``torch.compile`` of a model's heavy submodules, in place."""
from typing import List, Sequence

from torch import nn

DEFAULT_COMPILE_MODULES = ('backbone', 'neck')


def compile_submodules(model: nn.Module, compile_cfg) -> List[str]:
    """Compile the named submodules of ``model`` with ``nn.Module.compile``.

    The modules are compiled in place: parameter and buffer names, and so
    checkpoints and resume, are unchanged (``torch.compile(model)`` would
    prefix every key with ``_orig_mod.``); the model object stays the one
    a DDP wrapper holds (tested with 2-process gloo DDP).

    Args:
        model (nn.Module): The unwrapped model.
        compile_cfg (bool | dict): ``True`` (the default modules,
            ``backbone`` and ``neck`` where present) or a dict with
            ``modules`` (dotted names, e.g. ``'target_encoder.module'``)
            and any ``torch.compile`` keyword (``mode``, ``backend``,
            ``dynamic``, ``fullgraph``).

    Returns:
        list[str]: The compiled module names; ``['']`` when none of the
        default modules exists and the whole model was compiled.

    Raises:
        ValueError: a named module does not exist or ``compile_cfg`` is
            neither a bool nor a dict.
    """
    if isinstance(compile_cfg, bool):
        cfg = {}
    elif isinstance(compile_cfg, dict):
        cfg = dict(compile_cfg)
    else:
        raise ValueError('compile must be a bool or a dict, got '
                         f'{type(compile_cfg).__name__}')
    names = cfg.pop('modules', None)
    explicit = names is not None
    if names is None:
        names = DEFAULT_COMPILE_MODULES
    elif isinstance(names, str):
        names = [names]
    available = dict(model.named_modules())
    done = []
    for name in names:
        module = available.get(name)
        if module is None:
            if explicit:
                raise ValueError(
                    f'compile.modules: {type(model).__name__} has no '
                    f'submodule {name!r} (top level: '
                    f'{sorted(n for n, _ in model.named_children())})')
            continue
        module.compile(**cfg)
        done.append(name)
    if not done:
        model.compile(**cfg)
        done.append('')
    return done


def compiled_module_names(model: nn.Module) -> Sequence[str]:
    """Names of the submodules compiled in place (``''`` = the model)."""
    return [n for n, m in model.named_modules()
            if getattr(m, '_compiled_call_impl', None) is not None]
