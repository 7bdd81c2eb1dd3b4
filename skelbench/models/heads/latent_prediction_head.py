"""Latent prediction head: a predictor MLP + a latent loss (BYOL)."""
import torch
from mmengine.model import BaseModule

from skelbench.registry import MODELS


@MODELS.register_module()
class LatentPredictHead(BaseModule):
    """Predict the target projection from the online one (BYOL).

    ``z (N, D)`` online projection -> ``q(z)`` by the ``predictor`` (an
    MLP neck, e.g. :class:`NonLinearNeck`) -> ``loss(q(z), sg(z'))`` with
    the target projection ``z' (N, D)`` (default
    :class:`NormalizedL2Loss`, Moliner et al. eq. 1). The symmetrisation
    over the two views (eq. 2) is the algorithm's: it calls :meth:`loss`
    once per direction.

    Args:
        predictor (dict): Predictor config ``q_theta``.
        loss (dict): Loss config ``(pred, target) -> scalar``.
    """

    def __init__(self, predictor: dict,
                 loss: dict = dict(type='NormalizedL2Loss'), init_cfg=None):
        super().__init__(init_cfg=init_cfg)
        self.predictor = MODELS.build(predictor)
        self.loss_module = MODELS.build(loss)

    def predict_latent(self, z: torch.Tensor) -> torch.Tensor:
        """``q_theta(z)``: ``(N, D)`` -> ``(N, D)``."""
        return self.predictor(z)

    def loss(self, z: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """``L(q(z), sg(target))`` for ``z, target (N, D)``."""
        return self.loss_module(self.predict_latent(z), target.detach())
