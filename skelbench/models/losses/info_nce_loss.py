"""InfoNCE with a queue of negatives (MoCo; Gong et al. eq. 9)."""
import torch
import torch.nn.functional as F
from torch import nn

from skelbench.registry import MODELS

from ..utils.precision import float32_ops


@MODELS.register_module()
class InfoNCELoss(nn.Module):
    """InfoNCE of queries against their keys and a bank of negatives.

    Gong et al. (AAAI'24) eq. (9), MoCo::

        rho+ = cos(q, k),  rho-_j = cos(q, n_j)
        L_c = -log exp(rho+/tau) / (exp(rho+/tau) + sum_j exp(rho-_j/tau))

    averaged over the batch. ``q``, ``k`` and the negatives are
    L2-normalised here; the keys and negatives get no gradient. Computed
    in float32, autocast or not (:func:`~skelbench.models.utils.float32_ops`).

    Args:
        temperature (float): ``tau`` (0.07).
        loss_weight (float): Multiplier (Gong et al.: ``lambda = 1e-4``).
    """

    def __init__(self, temperature: float = 0.07, loss_weight: float = 1.0):
        super().__init__()
        if not temperature > 0:
            raise ValueError(f'temperature must be > 0, got {temperature}')
        self.temperature = float(temperature)
        self.loss_weight = float(loss_weight)

    @float32_ops
    def logits(self, query: torch.Tensor, key: torch.Tensor,
               negatives: torch.Tensor) -> torch.Tensor:
        """``(B, 1 + K)`` cosine logits / tau, positive first."""
        q = F.normalize(query.float(), dim=1)
        k = F.normalize(key.detach().float(), dim=1)
        n = F.normalize(negatives.detach().float(), dim=1)
        pos = (q * k).sum(1, keepdim=True)
        neg = q @ n.t()
        return torch.cat([pos, neg], dim=1) / self.temperature

    @float32_ops
    def forward(self, query: torch.Tensor, key: torch.Tensor,
                negatives: torch.Tensor) -> torch.Tensor:
        """``query, key (B, D)``, ``negatives (K, D)`` -> scalar."""
        logits = self.logits(query, key, negatives)
        labels = torch.zeros(len(logits), dtype=torch.long,
                             device=logits.device)
        return self.loss_weight * F.cross_entropy(logits, labels)
