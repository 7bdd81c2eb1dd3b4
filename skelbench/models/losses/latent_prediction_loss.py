"""Losses between predicted and target latent representations (S-JEPA)."""
import torch
import torch.nn.functional as F
from torch import nn

from skelbench.registry import MODELS

from ..utils.precision import float32_ops


@MODELS.register_module()
class LatentCrossEntropyLoss(nn.Module):
    """S-JEPA's latent cross-entropy (Abdelfattah & Alahi, ECCV'24)::

        p1 = softmax(R_p / tau_p),  p2 = sg(softmax(R_t / tau_t))
        L = mean_tokens( -sum_c p2_c log p1_c )

    over the ``C_e`` channels of every target token. ``R_t`` is passed
    already centred (see :class:`JEPAHead`). Float32 (AMP-safe).

    Args:
        tau_p (float): Prediction temperature (0.1).
        tau_t (float): Target temperature (0.06).
        loss_weight (float): Multiplier.
    """

    def __init__(self, tau_p: float = 0.1, tau_t: float = 0.06,
                 loss_weight: float = 1.0):
        super().__init__()
        if not (tau_p > 0 and tau_t > 0):
            raise ValueError(f'temperatures must be > 0, got {tau_p}, '
                             f'{tau_t}')
        self.tau_p, self.tau_t = float(tau_p), float(tau_t)
        self.loss_weight = float(loss_weight)

    @float32_ops
    def forward(self, pred: torch.Tensor, target: torch.Tensor
                ) -> torch.Tensor:
        """``pred, target (..., C)`` -> scalar."""
        p2 = F.softmax(target.detach().float() / self.tau_t, dim=-1)
        logp1 = F.log_softmax(pred.float() / self.tau_p, dim=-1)
        return self.loss_weight * (-(p2 * logp1).sum(-1)).mean()


@MODELS.register_module()
class LatentMSELoss(nn.Module):
    """``mean (R_p - sg(R_t))^2`` over tokens and channels (S-JEPA's MSE
    ablation, Table 5 row 4). Float32.

    Args:
        loss_weight (float): Multiplier.
    """

    def __init__(self, loss_weight: float = 1.0):
        super().__init__()
        self.loss_weight = float(loss_weight)

    @float32_ops
    def forward(self, pred: torch.Tensor, target: torch.Tensor
                ) -> torch.Tensor:
        return self.loss_weight * F.mse_loss(pred.float(),
                                             target.detach().float())
