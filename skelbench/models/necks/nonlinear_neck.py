"""MLP projector / predictor of the joint-embedding methods (BYOL, ISC)."""
import torch
from torch import nn

from skelbench.registry import MODELS


@MODELS.register_module()
class NonLinearNeck(nn.Module):
    """``Linear -> BN1d -> ReLU -> ... -> Linear`` (BYOL's projector
    ``g`` and predictor ``q``; mmpretrain's ``NonLinearNeck``); with
    ``with_bn=False`` ``Linear -> ReLU -> Linear``, the MoCo v2 projection
    head that Skeleton-Contrast (ISC) uses (``hid = in``: BiGRU
    2048-2048-128, AGCN 256-256-128, HCN 4096-4096-128).

    ``num_layers`` linear layers; every one but the last is followed by
    BatchNorm1d (unless ``with_bn=False``; momentum BN of a target copy
    tracks these too) and ReLU;
    ``with_last_bn`` adds a BN after the last one. With ``with_pool`` a
    ``(N, M, T', V, D)`` feature map is first averaged over actors,
    frames and joints (ST-GCN's global average pooling) -> ``(N, D)``.

    Shapes: ``(N, in_channels)`` (or ``(N, M, T', V, in_channels)`` with
    ``with_pool``) -> ``(N, out_channels)``.

    Args:
        in_channels (int): Input width.
        hid_channels (int): Hidden width (BYOL 4096).
        out_channels (int): Output width (BYOL 256).
        num_layers (int): Linear layers (>= 1; BYOL 2).
        with_bn (bool): BN after the hidden linear layers.
        with_last_bn (bool): BN after the last linear layer.
        with_pool (bool): Pool a 5-D feature map first.
    """

    def __init__(self, in_channels: int, hid_channels: int,
                 out_channels: int, num_layers: int = 2,
                 with_bn: bool = True, with_last_bn: bool = False,
                 with_pool: bool = False):
        super().__init__()
        if int(num_layers) < 1:
            raise ValueError(f'num_layers must be >= 1, got {num_layers}')
        self.with_pool = bool(with_pool)
        layers, c = [], int(in_channels)
        for i in range(int(num_layers)):
            last = i == int(num_layers) - 1
            c_out = int(out_channels) if last else int(hid_channels)
            layers.append(nn.Linear(c, c_out, bias=not (last and
                                                        with_last_bn)))
            if not last:
                if with_bn:
                    layers.append(nn.BatchNorm1d(c_out))
                layers.append(nn.ReLU(inplace=True))
            elif with_last_bn:
                layers.append(nn.BatchNorm1d(c_out))
            c = c_out
        self.mlp = nn.Sequential(*layers)
        self.in_channels, self.out_channels = int(in_channels), c

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.with_pool:
            if x.dim() != 5:
                raise ValueError('NonLinearNeck(with_pool=True) expects (N, '
                                 f'M, T, V, D), got {tuple(x.shape)}')
            x = x.mean(dim=(1, 2, 3))
        if x.dim() != 2 or x.shape[1] != self.in_channels:
            raise ValueError(f'NonLinearNeck expects (N, {self.in_channels}'
                             f'), got {tuple(x.shape)}: set in_channels to '
                             "the encoder's feature size")
        return self.mlp(x)
