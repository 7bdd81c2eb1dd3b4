"""Base class of skelbench backbones: input check, pretrained loading
and freezing."""
from typing import Optional, Tuple

import torch
from mmengine.model import BaseModule
from torch import nn

from skelbench.checkpoint import load_pretrained_weights


class BaseBackbone(BaseModule):
    """Backbone base with an input check, loud pretrained loading and
    stage freezing.

    Every backbone takes ``x (N, M, T, V, C)`` (samples, actors, frames,
    joints, coordinates); :meth:`check_input` refuses other shapes with
    the expected layout in the message.

    ``init_cfg=dict(type='Pretrained', checkpoint=PATH, prefix='backbone.')``
    is handled by :func:`load_pretrained_weights` (error if no key
    matches or keys are missing) instead of mmengine's silent
    ``strict=False`` load. Subclasses implement :meth:`frozen_modules`.

    Args:
        frozen_stages (int): Stages to freeze (``-1``: none). Frozen
            modules get ``requires_grad=False`` and stay in eval mode.
        norm_eval (bool): Keep all normalisation layers in eval mode.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self, frozen_stages: int = -1, norm_eval: bool = False,
                 init_cfg: Optional[dict] = None):
        super().__init__(init_cfg=init_cfg)
        self.frozen_stages = int(frozen_stages)
        self.norm_eval = bool(norm_eval)

    def check_input(self, x: torch.Tensor, num_joints: int,
                    in_channels: int, max_persons: Optional[int] = None,
                    frames_multiple_of: Optional[Tuple[str, int]] = None
                    ) -> None:
        """Check that ``x`` is ``(N, M, T, V, C)`` with the ``V`` joints
        and ``C`` channels the backbone was built for.

        Args:
            x (Tensor): The input.
            num_joints (int): Expected ``V``.
            in_channels (int): Expected ``C``.
            max_persons (int, optional): Largest accepted ``M``.
            frames_multiple_of (tuple, optional): ``(name, l)``: ``T`` must
                be a multiple of the backbone's parameter ``name = l``.

        Raises:
            ValueError: Naming the backbone, the expected ``(N, M, T, V,
                C)`` and the shape it got.
        """
        name = type(self).__name__
        if x.dim() != 5:
            raise ValueError(f'{name} expects (N, M, T, V, C) inputs, got '
                             f'shape {tuple(x.shape)}')
        N, M, T, V, C = x.shape
        persons = max_persons is not None and M > max_persons
        if V != num_joints or C != in_channels or persons:
            built = f'V={num_joints}, C={in_channels}'
            if max_persons is not None:
                built += f', M<={max_persons}'
            raise ValueError(
                f'{name} expects (N, M, T, V, C) inputs with {built}; got '
                f'input shape {tuple(x.shape)}')
        if frames_multiple_of is not None:
            param, multiple = frames_multiple_of
            if T % multiple:
                raise ValueError(
                    f'{name} expects (N, M, T, V, C) inputs with T a '
                    f'multiple of {param}={multiple}; got T={T} (input '
                    f'shape {tuple(x.shape)})')

    def frozen_modules(self):
        """Modules frozen for ``self.frozen_stages``."""
        return []

    def _freeze_stages(self) -> None:
        for m in self.frozen_modules():
            m.eval()
            for p in m.parameters():
                p.requires_grad = False

    def init_weights(self) -> None:
        cfg = self.init_cfg
        if isinstance(cfg, dict) and cfg.get('type') == 'Pretrained':
            self.init_backbone_weights()
            load_pretrained_weights(
                self, cfg.get('checkpoint'), prefix=cfg.get('prefix'),
                allow_missing=cfg.get('allow_missing', False),
                map_location=cfg.get('map_location', 'cpu'))
            self._is_init = True
        else:
            super().init_weights()
            if cfg is None:
                self.init_backbone_weights()
        self._freeze_stages()

    def init_backbone_weights(self) -> None:
        """Default (random) initialisation of the subclass."""

    def train(self, mode: bool = True):
        super().train(mode)
        self._freeze_stages()
        if mode and self.norm_eval:
            for m in self.modules():
                if isinstance(m, (nn.modules.batchnorm._BatchNorm,
                                  nn.LayerNorm, nn.GroupNorm)):
                    m.eval()
        return self
