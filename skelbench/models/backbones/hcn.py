"""HCN (Li et al., IJCAI'18), the image encoder of Skeleton-Contrast (ISC;
Thoker et al., ACM MM'21, ``moco/HCN.py``)."""
from typing import Optional

import torch
import torch.nn.functional as F
from torch import nn

from skelbench.layouts import get_layout
from skelbench.registry import MODELS

from .base_backbone import BaseBackbone


def _point_path(in_channels: int, out_channels: int, window_size: int,
                num_joints: int):
    """Point-level convs then joints-as-channels convs of one path."""
    c = out_channels
    return nn.ModuleList([
        nn.Sequential(nn.Conv2d(in_channels, c, 1), nn.ReLU()),
        nn.Conv2d(c, window_size, (3, 1), padding=(1, 0)),
        nn.Sequential(nn.Conv2d(num_joints, c // 2, 3, padding=1),
                      nn.MaxPool2d(2)),
        nn.Sequential(nn.Conv2d(c // 2, c, 3, padding=1),
                      nn.Dropout2d(0.5), nn.MaxPool2d(2)),
    ])


@MODELS.register_module()
class HCN(BaseBackbone):
    """Hierarchical co-occurrence network (Li et al., IJCAI'18) as in ISC.

    A position path (coordinates) and a motion path (frame differences,
    bilinearly resized back to ``T``) each apply ``Conv1x1(C -> 64)``-ReLU,
    ``Conv(3x1)(64 -> window_size)``, then treat the joints as channels:
    ``(B, V, T, window_size)`` -> ``Conv3x3(V -> 32)``-MaxPool ->
    ``Conv3x3(32 -> 64)``-Dropout2d-MaxPool. The paths are concatenated,
    ``Conv3x3(128 -> 128)``-ReLU-Dropout2d-MaxPool and
    ``Conv3x3(128 -> 256)``-ReLU-Dropout2d-MaxPool follow, and the maximum
    over actors is flattened. All actors run in one batch.

    Shapes:
        ``x (N, M, T, V, C)`` -> ``(N, 1, 1, 1, D)`` with
        ``D = 4 out_channels * (T // 16) * (window_size // 16)``;
        ISC (T = window_size = 64): ``D = 256 * 4 * 4 = 4096``.

    Args:
        in_channels (int): Coordinates ``C`` (3).
        layout (str | dict | SkeletonLayout): Gives ``V``.
        out_channels (int): Base width (64).
        window_size (int): Output channels of the temporal conv; the
            "image" width (64, ISC's clip length).
        frozen_stages (int): ``-1`` none; ``k in [0, 6]`` freezes the first
            ``k`` conv stages (stages 1-4 of both paths, then conv5,
            conv6).
        norm_eval (bool): Unused (no norm layers).

    Parameters (NTU, defaults, classifier excluded): 519,424, as ISC's
    ``HCN`` (``docs/backbones.md``).
    """

    def __init__(self,
                 in_channels: int = 3,
                 layout='nturgb+d',
                 out_channels: int = 64,
                 window_size: int = 64,
                 frozen_stages: int = -1,
                 norm_eval: bool = False,
                 init_cfg: Optional[dict] = None):
        super().__init__(frozen_stages=frozen_stages, norm_eval=norm_eval,
                         init_cfg=init_cfg)
        if not -1 <= frozen_stages <= 6:
            raise ValueError(f'frozen_stages must be in [-1, 6], got '
                             f'{frozen_stages}')
        self.layout = get_layout(layout)
        V = self.layout.num_joints
        self.in_channels = in_channels
        self.window_size = window_size
        c = out_channels
        self.position = _point_path(in_channels, c, window_size, V)
        self.motion = _point_path(in_channels, c, window_size, V)
        self.conv5 = nn.Sequential(
            nn.Conv2d(2 * c, 2 * c, 3, padding=1), nn.ReLU(),
            nn.Dropout2d(0.5), nn.MaxPool2d(2))
        self.conv6 = nn.Sequential(
            nn.Conv2d(2 * c, 4 * c, 3, padding=1), nn.ReLU(),
            nn.Dropout2d(0.5), nn.MaxPool2d(2))
        self.out_channels = 4 * c
        self.init_backbone_weights()
        self._freeze_stages()

    def init_backbone_weights(self) -> None:
        """HCN init: Glorot-uniform convs (fan over kernel), bias 0."""
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)

    def frozen_modules(self):
        k = self.frozen_stages
        mods = list(self.position[:k]) + list(self.motion[:k]) if k > 0 \
            else []
        return mods + [self.conv5, self.conv6][:max(k - 4, 0)]

    @staticmethod
    def _path(path: nn.ModuleList, x: torch.Tensor) -> torch.Tensor:
        x = path[1](path[0](x))  # (B, window, T, V)
        x = x.permute(0, 3, 2, 1)  # joints as channels: (B, V, T, window)
        return path[3](path[2](x))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``(N, M, T, V, C)`` -> ``(N, 1, 1, 1, D)``."""
        self.check_input(x, self.layout.num_joints, self.in_channels)
        N, M, T, V, C = x.shape
        pos = x.reshape(N * M, T, V, C).permute(0, 3, 1, 2)  # (B, C, T, V)
        mot = pos[:, :, 1:] - pos[:, :, :-1]
        mot = F.interpolate(mot, size=(T, V), mode='bilinear',
                            align_corners=False)
        y = torch.cat([self._path(self.position, pos),
                       self._path(self.motion, mot)], dim=1)
        y = self.conv6(self.conv5(y))
        y = y.reshape(N, M, -1).amax(dim=1)
        return y.reshape(N, 1, 1, 1, -1)
