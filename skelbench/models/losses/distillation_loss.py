"""Knowledge-distillation loss."""
import torch
import torch.nn.functional as F
from torch import nn

from skelbench.registry import MODELS

from ..utils.precision import float32_ops


@MODELS.register_module()
class SoftTargetCrossEntropyLoss(nn.Module):
    """Cross-entropy between the teacher's and the student's softened
    predictions (Hinton et al., 2015; Moliner et al., eq. 6)::

        L = s * H_CE(softmax(z_t / tau), softmax(z_s / tau))
          = -s / N sum_n sum_c softmax(z_t / tau)_nc
                                log softmax(z_s / tau)_nc

    for student logits ``z_s (N, C)`` and teacher logits ``z_t (N, C)``,
    the mean over the batch. The teacher's side is detached: no gradient
    reaches it.

    ``s = tau ** 2`` (``tau_squared=True``, default) or 1. Moliner et al.
    write eq. 6 without a factor and use ``tau = 1``, where both are the
    same. For other temperatures this follows Hinton et al. (§2): the
    gradients of the soft targets scale as ``1 / tau ** 2``, so the loss
    is multiplied by ``tau ** 2`` to keep their size (and the learning
    rate's meaning) independent of ``tau``. ``tau_squared=False`` gives
    eq. 6 literally.

    Float32 under autocast too (:func:`~skelbench.models.utils.float32_ops`).

    Args:
        tau (float): Temperature ``tau > 0`` (1 in skeleton BYOL).
        tau_squared (bool): Multiply the loss by ``tau ** 2``.
        loss_weight (float): Multiplier of the loss.
    """

    def __init__(self, tau: float = 1.0, tau_squared: bool = True,
                 loss_weight: float = 1.0):
        super().__init__()
        if not tau > 0:
            raise ValueError(f'tau must be > 0, got {tau}')
        self.tau = float(tau)
        self.tau_squared = bool(tau_squared)
        self.loss_weight = loss_weight

    @property
    def scale(self) -> float:
        """``loss_weight`` times ``tau ** 2`` (when ``tau_squared``)."""
        return self.loss_weight * (self.tau**2 if self.tau_squared else 1.)

    @float32_ops
    def forward(self, student_logits: torch.Tensor,
                teacher_logits: torch.Tensor) -> torch.Tensor:
        """``student_logits``, ``teacher_logits`` ``(N, C)`` -> scalar."""
        if student_logits.shape != teacher_logits.shape or \
                student_logits.dim() != 2:
            raise ValueError('student and teacher logits must both be '
                             '(N, C); they differ in shape: '
                             f'{tuple(student_logits.shape)} vs '
                             f'{tuple(teacher_logits.shape)}')
        target = F.softmax(teacher_logits.detach().float() / self.tau, dim=1)
        log_p = F.log_softmax(student_logits.float() / self.tau, dim=1)
        return self.scale * -(target * log_p).sum(dim=1).mean()
