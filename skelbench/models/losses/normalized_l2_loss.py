"""Normalised L2 distance between predictions and targets (BYOL)."""
import torch
import torch.nn.functional as F
from torch import nn

from skelbench.registry import MODELS

from ..utils.precision import float32_ops


@MODELS.register_module()
class NormalizedL2Loss(nn.Module):
    """BYOL's prediction loss (Grill et al.; Moliner et al. eq. 1)::

        L = mean_n || p_n / ||p_n||_2 - z_n / ||z_n||_2 ||_2^2
          = mean_n (2 - 2 cos(p_n, z_n))

    for predictions ``p (N, D)`` and targets ``z (N, D)``; the target is
    detached (stop-gradient). Float32 under autocast too
    (:func:`~skelbench.models.utils.float32_ops`).

    Args:
        loss_weight (float): Multiplier.
        eps (float): Norm floor of the normalisation.
    """

    def __init__(self, loss_weight: float = 1.0, eps: float = 1e-12):
        super().__init__()
        self.loss_weight = float(loss_weight)
        self.eps = float(eps)

    @float32_ops
    def forward(self, pred: torch.Tensor, target: torch.Tensor
                ) -> torch.Tensor:
        if pred.shape != target.shape or pred.dim() != 2:
            raise ValueError('NormalizedL2Loss: pred and target must both be '
                             f'(N, D), got {tuple(pred.shape)} and '
                             f'{tuple(target.shape)}')
        p = F.normalize(pred.float(), dim=1, eps=self.eps)
        z = F.normalize(target.detach().float(), dim=1, eps=self.eps)
        return self.loss_weight * (p - z).pow(2).sum(1).mean()
