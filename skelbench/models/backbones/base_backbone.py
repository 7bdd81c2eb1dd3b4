"""Base class of skelbench backbones: pretrained loading and freezing."""
from typing import Optional

from mmengine.model import BaseModule
from torch import nn

from skelbench.models.utils.checkpoint_loading import load_pretrained_weights


class BaseBackbone(BaseModule):
    """Backbone base with loud pretrained loading and stage freezing.

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
