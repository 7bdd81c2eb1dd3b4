"""Pooling of backbone feature maps into one vector per sample."""
from typing import Optional

import torch
from torch import nn

from skelbench.registry import MODELS


@MODELS.register_module()
class SkeletonGlobalPool(nn.Module):
    """Average a ``(N, M, T', V, D)`` feature map to ``(N, D)``.

    Args:
        person_pool (str): ``'mean'`` averages over all ``M`` actor slots
            (MAMP, including zero-padded actors); ``'valid_mean'`` ignores
            slots whose input was all zeros (needs ``person_mask``);
            ``'max'`` takes the maximum over actors.
        joint_pool (str): ``'mean'`` over ``(T', V)`` -> ``D``, or
            ``'concat'`` (MAMP's fine-tune head: mean over ``T'``, joints
            concatenated -> ``V*D``).
        dropout (float): Dropout on the token features ``(N, M, T', V, D)``
            before pooling (MAMP's fine-tune head: 0.3); 0 = none.
    """

    def __init__(self, person_pool: str = 'mean', joint_pool: str = 'mean',
                 dropout: float = 0.):
        super().__init__()
        if not 0 <= dropout < 1:
            raise ValueError(f'dropout must be in [0, 1), got {dropout}')
        if person_pool not in ('mean', 'valid_mean', 'max'):
            raise ValueError(f'unknown person_pool {person_pool!r}')
        if joint_pool not in ('mean', 'concat'):
            raise ValueError(f'unknown joint_pool {joint_pool!r}')
        self.person_pool = person_pool
        self.joint_pool = joint_pool
        self.dropout = nn.Dropout(dropout) if dropout > 0 else nn.Identity()

    def forward(self, x: torch.Tensor,
                person_mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """``x (N, M, T', V, D)``, ``person_mask (N, M)`` bool -> (N, D')."""
        if x.dim() != 5:
            raise ValueError('SkeletonGlobalPool expects (N, M, T, V, D), '
                             f'got {tuple(x.shape)}')
        x = self.dropout(x)
        if self.joint_pool == 'mean':
            x = x.mean(dim=(2, 3))  # N, M, D
        else:
            x = x.mean(dim=2).flatten(2)  # N, M, V*D
        if self.person_pool == 'max':
            return x.amax(dim=1)
        if self.person_pool == 'valid_mean' and person_mask is not None:
            w = person_mask.to(x.dtype)
            w = w / w.sum(dim=1, keepdim=True).clamp(min=1)
            return (x * w.unsqueeze(-1)).sum(dim=1)
        return x.mean(dim=1)
