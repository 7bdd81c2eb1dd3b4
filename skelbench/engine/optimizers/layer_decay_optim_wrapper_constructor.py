"""Layer-wise learning-rate decay for fine-tuning a transformer encoder.

The BEiT rule as MAMP fine-tunes with it: with ``L`` encoder blocks, the
token embedding and position parameters have depth 0, block ``i`` depth
``i + 1``, and everything after the blocks (the encoder's final norm, the
neck and the head) depth ``L + 1``. A parameter of depth ``d`` trains with

    lr_d = lr * decay_rate ** (L + 1 - d)

so the head keeps the base lr and the embedding gets ``decay_rate ** (L +
1)`` of it. Biases, 1-D parameters (norms) and position embeddings have no
weight decay.
"""
import re
from typing import List, Optional, Sequence

import torch.nn as nn
from mmengine.logging import print_log
from mmengine.optim import DefaultOptimWrapperConstructor

from skelbench.registry import OPTIM_WRAPPER_CONSTRUCTORS


@OPTIM_WRAPPER_CONSTRUCTORS.register_module()
class LayerDecayOptimWrapperConstructor(DefaultOptimWrapperConstructor):
    """Optimizer wrapper constructor with layer-wise lr decay.

    ``paramwise_cfg`` keys:

    * ``layer_decay_rate`` (float, required): ``decay_rate`` in ``(0, 1]``;
      1 gives every parameter the base lr (fine-tuning from scratch).
    * ``num_layers`` (int, optional): ``L``; default: the number of blocks
      of ``model.<backbone_name>.<block_name>``.
    * ``backbone_name`` (str): attribute of the encoder, ``'backbone'``
      (a dotted path for a nested one: ``'student.backbone'`` of a
      ``Distiller``).
    * ``block_name`` (str): the encoder's block list, ``'blocks'``.
    * ``tail_names`` (sequence of str): encoder parameters after the
      blocks (depth ``L + 1``), ``('norm.',)``; every other encoder
      parameter outside the blocks has depth 0.
    * ``no_decay_names`` (sequence of str): name fragments without weight
      decay besides 1-D parameters, ``('pos_embed',)``.

    Example::

        optim_wrapper = dict(
            optimizer=dict(type='AdamW', lr=3e-4, weight_decay=0.05),
            constructor='LayerDecayOptimWrapperConstructor',
            paramwise_cfg=dict(layer_decay_rate=0.8))

    Parameters with ``requires_grad=False`` (a frozen teacher) are left
    out of the optimizer. Each parameter group records ``lr_scale`` and
    ``layer_depth``; the schedulers scale every group's lr proportionally
    (use ``eta_min_ratio`` in ``CosineAnnealingLR`` so the minimum scales
    too).
    """

    def __init__(self, optim_wrapper_cfg: dict,
                 paramwise_cfg: Optional[dict] = None):
        paramwise_cfg = dict(paramwise_cfg or {})
        if 'layer_decay_rate' not in paramwise_cfg:
            raise ValueError('LayerDecayOptimWrapperConstructor: '
                             'paramwise_cfg.layer_decay_rate is required')
        rate = float(paramwise_cfg.pop('layer_decay_rate'))
        if not 0 < rate <= 1:
            raise ValueError('paramwise_cfg.layer_decay_rate must be in '
                             f'(0, 1], got {rate}')
        self.layer_decay_rate = rate
        self.num_layers = paramwise_cfg.pop('num_layers', None)
        self.backbone_name = paramwise_cfg.pop('backbone_name', 'backbone')
        self.block_name = paramwise_cfg.pop('block_name', 'blocks')
        self.tail_names = tuple(paramwise_cfg.pop('tail_names', ('norm.',)))
        self.no_decay_names = tuple(
            paramwise_cfg.pop('no_decay_names', ('pos_embed',)))
        if paramwise_cfg:
            raise ValueError('LayerDecayOptimWrapperConstructor: unknown '
                             f'paramwise_cfg keys {sorted(paramwise_cfg)}')
        super().__init__(optim_wrapper_cfg, None)
        # non-empty, so that ``__call__`` builds the groups by add_params
        self.paramwise_cfg = dict(layer_decay_rate=rate)

    def _encoder_layers(self, module: nn.Module) -> int:
        if self.num_layers is not None:
            return int(self.num_layers)
        try:
            encoder = module.get_submodule(self.backbone_name)
        except AttributeError:
            encoder = None
        blocks = getattr(encoder, self.block_name, None)
        if blocks is None:
            raise ValueError(
                f'LayerDecayOptimWrapperConstructor: the model has no '
                f'{self.backbone_name}.{self.block_name}; set '
                'paramwise_cfg.num_layers (and backbone_name / block_name)')
        return len(blocks)

    def layer_depth(self, name: str, num_layers: int) -> int:
        """Depth of parameter ``name`` (a name of the whole model)."""
        prefix = self.backbone_name + '.'
        if not name.startswith(prefix):
            return num_layers + 1
        rest = name[len(prefix):]
        match = re.match(re.escape(self.block_name) + r'\.(\d+)\.', rest)
        if match:
            block = int(match.group(1))
            if block >= num_layers:
                raise ValueError(f'{name}: block {block} >= num_layers '
                                 f'{num_layers}')
            return block + 1
        if rest.startswith(self.tail_names):
            return num_layers + 1
        return 0

    def has_weight_decay(self, name: str, param: nn.Parameter) -> bool:
        return not (param.ndim <= 1 or name.endswith('.bias')
                    or any(k in name for k in self.no_decay_names))

    def add_params(self, params: List[dict], module: nn.Module,
                   prefix: str = '', **kwargs) -> None:
        num_layers = self._encoder_layers(module)
        base_wd = self.base_wd or 0.
        groups = {}
        for name, param in module.named_parameters():
            if not param.requires_grad:
                continue
            depth = self.layer_depth(name, num_layers)
            scale = self.layer_decay_rate ** (num_layers + 1 - depth)
            decay = self.has_weight_decay(name, param)
            key = (depth, decay)
            if key not in groups:
                groups[key] = dict(
                    params=[], param_names=[], lr=self.base_lr * scale,
                    lr_scale=scale, layer_depth=depth,
                    weight_decay=base_wd if decay else 0.)
            groups[key]['params'].append(param)
            groups[key]['param_names'].append(name)
        for key in sorted(groups):
            params.append(groups[key])
        summary = ', '.join(
            f'depth {d}{"" if wd else " (no wd)"}: lr x {g["lr_scale"]:.4g}, '
            f'{len(g["params"])} tensors'
            for (d, wd), g in sorted(groups.items()))
        print_log(f'layer-wise lr decay {self.layer_decay_rate} over '
                  f'{num_layers} blocks: {summary}', logger='current')


def param_lr_scales(optimizer, names: Sequence[str] = None) -> dict:
    """``{parameter name: lr_scale}`` of an optimizer built by
    :class:`LayerDecayOptimWrapperConstructor` (for inspection / tests)."""
    out = {}
    for group in optimizer.param_groups:
        for name in group.get('param_names', []):
            out[name] = group['lr_scale']
    if names is not None:
        missing = sorted(set(names) - set(out))
        if missing:
            raise KeyError(f'parameters without a group: {missing[:5]}')
    return out
