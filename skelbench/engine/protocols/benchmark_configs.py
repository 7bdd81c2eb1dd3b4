"""Which benchmark config a protocol runs for a pretraining config.

Rule (docs/protocols.md): a pretraining config ``<dir>/<name>_<data>.py``
(``<data>`` = the part after the last ``_``, e.g. ``nw-ucla-xview``) is
evaluated by the benchmark configs ``<dir>/benchmarks/<kind>_*_<data>.py``
(``<kind>`` = ``linear-probe``, ``finetune``, ``distill`` or a
semi-supervised recipe ``semi-<P>pct``) whose encoder
has the pretrained encoder's architecture (the same backbone weights' names
and shapes; for a ``Distiller`` config, its teacher's backbone). A transfer
to ``D`` takes ``<dir>/benchmarks/finetune_*_D*.py``.
A pretraining config may name its configs instead with a helper variable,
paths relative to its own file::

    benchmarks = dict(finetune='benchmarks/finetune_x.py')

and ``tools/benchmark.py --benchmark KIND=PATH`` overrides both.
"""
import copy
import glob
import os.path as osp
from typing import Dict, List, Optional

from mmengine.config import Config

from skelbench.registry import MODELS

__all__ = ['data_suffix', 'encoder_shapes', 'encoder_mismatches',
           'find_benchmark_config', 'JointLayoutError',
           'NoFittingConfigError']


class JointLayoutError(ValueError):
    """The benchmark's data has another skeleton layout than the
    pretraining data (joint counts differ)."""


class NoFittingConfigError(ValueError):
    """Configs follow the naming rule, but none has the pretrained
    encoder's architecture."""


def data_suffix(config_path: str) -> str:
    """``mamp_transformer_4xb32-400e_ntu60-xsub.py`` -> ``ntu60-xsub``."""
    stem = osp.splitext(osp.basename(config_path))[0]
    if '_' not in stem:
        raise ValueError(f'{config_path}: the name has no _<dataset>-<split> '
                         'suffix (docs/config.md)')
    return stem.rsplit('_', 1)[1]


def _backbone_cfg(cfg) -> dict:
    """The encoder config of ``cfg.model``: its backbone, or for a
    distillation model (``student`` / ``teacher``) the teacher's, the
    encoder the pretrained weights go into."""
    model = cfg.get('model') or {}
    if 'backbone' not in model and 'teacher' in model:
        model = model['teacher']
    if 'backbone' not in model:
        raise ValueError(f'{cfg.filename}: model has no backbone')
    backbone = copy.deepcopy(model['backbone'])
    backbone.pop('init_cfg', None)
    return backbone


def encoder_shapes(cfg) -> Dict[str, tuple]:
    """Names and shapes of ``cfg.model.backbone``'s weights."""
    backbone = MODELS.build(_backbone_cfg(cfg))
    return {k: tuple(v.shape) for k, v in backbone.state_dict().items()}


def _joints(backbone: dict):
    if 'num_joints' in backbone:
        return backbone['num_joints']
    return backbone.get('layout')


def encoder_mismatches(pretrain_cfg, bench_cfg,
                       pretrain_shapes: Optional[dict] = None) -> List[str]:
    """Differences between the two configs' encoders (empty: the
    pretrained weights load into the benchmark's encoder as they are).

    Raises:
        JointLayoutError: If the joint counts (or layouts) differ: the
            pretrained joint embeddings cannot be used on that data
            without a joint mapping.
    """
    pre, bench = _backbone_cfg(pretrain_cfg), _backbone_cfg(bench_cfg)
    if _joints(pre) != _joints(bench):
        raise JointLayoutError(
            f'{bench_cfg.filename}: its encoder takes {_joints(bench)} '
            f'joints, the pretrained one ({pretrain_cfg.filename}) '
            f'{_joints(pre)}; a transfer between skeleton layouts needs a '
            'joint mapping of the data into the pretraining layout, which '
            'these configs do not define')
    if pre.get('type') != bench.get('type'):
        return [f"backbone type {pre.get('type')} != {bench.get('type')}"]
    want = pretrain_shapes or encoder_shapes(pretrain_cfg)
    have = encoder_shapes(bench_cfg)
    problems = [f'{k}: missing' for k in want if k not in have]
    problems += [f'{k}: unexpected' for k in have if k not in want]
    problems += [f'{k}: {want[k]} != {have[k]}' for k in want
                 if k in have and want[k] != have[k]]
    return problems


def find_benchmark_config(pretrain_config: str, kind: str,
                          data: Optional[str] = None,
                          overrides: Optional[Dict[str, str]] = None
                          ) -> str:
    """Path of the ``kind`` benchmark config of ``pretrain_config``.

    Args:
        pretrain_config (str): Path of the pretraining config.
        kind (str): ``linear-probe``, ``finetune``, ``distill`` or
            ``semi-<P>pct``.
        data (str, optional): Dataset of a transfer (``pku2``); default:
            the pretraining config's ``<data>`` suffix.
        overrides (dict, optional): ``{kind or protocol name: path}`` from
            the command line; looked up as ``transfer-<data>`` first for a
            transfer, then ``kind``.

    Raises:
        FileNotFoundError: If no config follows the rule, or a named file
            does not exist.
        NoFittingConfigError: If none of the candidates has the pretrained
            encoder's architecture (naming why).
        ValueError: If several configs follow it (naming them).
    """
    overrides = overrides or {}
    for key in ([f'transfer-{data}'] if data else []) + [kind]:
        if key in overrides:
            path = overrides[key]
            if not osp.isfile(path):
                raise FileNotFoundError(f'--benchmark {key}={path}: no such '
                                        'file')
            return path
    pretrain_cfg = Config.fromfile(pretrain_config)
    named = (pretrain_cfg.get('benchmarks') or {}) if not data else {}
    if kind in named:
        path = osp.join(osp.dirname(pretrain_config), named[kind])
        if not osp.isfile(path):
            raise FileNotFoundError(f'{pretrain_config}: benchmarks.{kind} '
                                    f'= {named[kind]!r} does not exist')
        return path
    bench_dir = osp.join(osp.dirname(osp.abspath(pretrain_config)),
                         'benchmarks')
    if data:
        pattern = osp.join(bench_dir, f'{kind}_*_{data}*.py')
    else:
        pattern = osp.join(bench_dir,
                           f'{kind}_*_{data_suffix(pretrain_config)}.py')
    candidates = sorted(glob.glob(pattern))
    if not candidates:
        raise FileNotFoundError(
            f'no {kind} benchmark config for {pretrain_config}: nothing '
            f'matches {pattern}; name one with --benchmark {kind}=PATH')
    shapes = encoder_shapes(pretrain_cfg)
    fitting, why = [], {}
    for path in candidates:
        problems = encoder_mismatches(pretrain_cfg, Config.fromfile(path),
                                      shapes)
        if problems:
            why[path] = problems
        else:
            fitting.append(path)
    if len(fitting) == 1:
        return fitting[0]
    if not fitting:
        raise NoFittingConfigError(
            f'no {kind} config matching {pattern} has the encoder of '
            f'{pretrain_config}: ' + '; '.join(
                f'{osp.basename(p)}: {", ".join(v[:3])}'
                for p, v in why.items()))
    raise ValueError(f'several {kind} configs fit {pretrain_config}: '
                     f'{[osp.basename(p) for p in fitting]}; choose one with '
                     f'--benchmark {kind}=PATH')
