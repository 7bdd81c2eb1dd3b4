"""Two-layer MLP projection of pooled features (MoCo v2, ISC)."""
import torch
from mmengine.model import BaseModule
from torch import nn

from skelbench.registry import MODELS


@MODELS.register_module()
class MoCoV2Neck(BaseModule):
    """``Linear(in, hid)``-ReLU-``Linear(hid, out)`` on pooled features.

    The projection head of MoCo v2 (Chen et al. 2020) and of
    Skeleton-Contrast (Thoker et al., ACM MM'21: "a projection head (an
    MLP) is appended to each encoder to produce embeddings of a fixed size
    of 128"; the public code uses ``hid = in``: BiGRU 2048-2048-128, AGCN
    256-256-128, HCN 4096-4096-128).

    Shapes: ``x (N, in_channels)`` -> ``(N, out_channels)`` (not
    normalised; the contrastive loss L2-normalises).

    Args:
        in_channels (int): Feature size of the encoder.
        hid_channels (int): Hidden size.
        out_channels (int): Embedding size (128).
    """

    def __init__(self, in_channels: int, hid_channels: int,
                 out_channels: int = 128, init_cfg=None):
        super().__init__(init_cfg=init_cfg)
        for name, val in (('in_channels', in_channels),
                          ('hid_channels', hid_channels),
                          ('out_channels', out_channels)):
            if int(val) < 1:
                raise ValueError(f'{name} must be >= 1, got {val}')
        self.in_channels = int(in_channels)
        self.out_channels = int(out_channels)
        self.mlp = nn.Sequential(
            nn.Linear(in_channels, hid_channels), nn.ReLU(inplace=True),
            nn.Linear(hid_channels, out_channels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``(N, in_channels)`` -> ``(N, out_channels)``."""
        if x.dim() != 2 or x.shape[1] != self.in_channels:
            raise ValueError(f'MoCoV2Neck expects (N, {self.in_channels}) '
                             f'features, got {tuple(x.shape)}; set '
                             'in_channels to the encoder\'s feature size')
        return self.mlp(x)
