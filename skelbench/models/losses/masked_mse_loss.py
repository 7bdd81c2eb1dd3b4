"""Masked mean squared error (MAE, MAMP, Gong et al., SkeletonMAE)."""
from typing import Optional

import torch
from torch import nn

from skelbench.registry import MODELS

from ..utils.precision import float32_ops


@MODELS.register_module()
class MaskedMSELoss(nn.Module):
    """MSE averaged over the masked tokens only.

    MAMP / MAE (Mao et al. ICCV'23, He et al. CVPR'22)::

        l_i = mean_p (pred[i, p] - target[i, p])^2
        L = sum_i mask_i l_i / sum_i mask_i

    With ``mask=None`` every token counts (SkeletonMAE's MSE over the
    whole sequence). Computed in float32.

    Args:
        loss_weight (float): Multiplier.
    """

    def __init__(self, loss_weight: float = 1.0):
        super().__init__()
        self.loss_weight = float(loss_weight)

    @float32_ops
    def forward(self, pred: torch.Tensor, target: torch.Tensor,
                mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """``pred, target (B, L, P)``, ``mask (B, L)`` (1/True = counted)
        -> scalar."""
        if pred.shape != target.shape:
            raise ValueError(f'pred {tuple(pred.shape)} and target '
                             f'{tuple(target.shape)} differ')
        err = (pred.float() - target.float()).pow(2).mean(-1)
        if mask is None:
            return self.loss_weight * err.mean()
        mask = mask.to(err.dtype)
        if mask.shape != err.shape:
            raise ValueError(f'mask {tuple(mask.shape)} does not match the '
                             f'tokens {tuple(err.shape)}')
        return self.loss_weight * (err * mask).sum() / mask.sum().clamp(
            min=1)
