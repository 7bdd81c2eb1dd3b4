"""Classification losses."""
import torch
import torch.nn.functional as F
from torch import nn

from skelbench.registry import MODELS

from ..utils.precision import float32_ops


@MODELS.register_module()
class CrossEntropyLoss(nn.Module):
    """Softmax cross-entropy with optional label smoothing.

    ``L = -sum_c q_c log softmax(z)_c`` with ``q = (1 - e) onehot(y) + e/C``
    (SkeletonMAE / MAMP fine-tuning use ``e = 0.1``).

    Args:
        label_smoothing (float): ``e`` in [0, 1).
        loss_weight (float): Multiplier of the loss.
    """

    def __init__(self, label_smoothing: float = 0., loss_weight: float = 1.):
        super().__init__()
        if not 0 <= label_smoothing < 1:
            raise ValueError('label_smoothing must be in [0, 1), got '
                             f'{label_smoothing}')
        self.label_smoothing = label_smoothing
        self.loss_weight = loss_weight

    @float32_ops
    def forward(self, logits: torch.Tensor, labels: torch.Tensor
                ) -> torch.Tensor:
        """``logits (N, C)``, ``labels (N,)`` -> scalar."""
        return self.loss_weight * F.cross_entropy(
            logits, labels, label_smoothing=self.label_smoothing)
