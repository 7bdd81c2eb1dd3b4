"""Knowledge-distillation loss."""
import torch
import torch.nn.functional as F
from torch import nn

from skelbench.registry import MODELS

from ..utils.precision import float32_ops


@MODELS.register_module()
class SoftTargetCrossEntropyLoss(nn.Module):
    """Cross-entropy between the teacher's and the student's softened
    predictions (Moliner et al., eq. 6; Hinton et al.):

        L = H_CE(softmax(z_t / tau), softmax(z_s / tau))
          = -1/N sum_n sum_c softmax(z_t / tau)_nc log softmax(z_s / tau)_nc

    Args:
        tau (float): Temperature ``tau > 0`` (1 in skeleton BYOL).
        loss_weight (float): Multiplier of the loss.
    """

    def __init__(self, tau: float = 1.0, loss_weight: float = 1.0):
        super().__init__()
        if not tau > 0:
            raise ValueError(f'tau must be > 0, got {tau}')
        self.tau = float(tau)
        self.loss_weight = loss_weight

    @float32_ops
    def forward(self, student_logits: torch.Tensor,
                teacher_logits: torch.Tensor) -> torch.Tensor:
        """``student_logits``, ``teacher_logits`` ``(N, C)`` -> scalar;
        no gradient reaches the teacher."""
        if student_logits.shape != teacher_logits.shape:
            raise ValueError('student and teacher logits differ in shape: '
                             f'{tuple(student_logits.shape)} vs '
                             f'{tuple(teacher_logits.shape)}')
        target = F.softmax(teacher_logits.detach().float() / self.tau, dim=1)
        log_p = F.log_softmax(student_logits.float() / self.tau, dim=1)
        return self.loss_weight * -(target * log_p).sum(dim=1).mean()
