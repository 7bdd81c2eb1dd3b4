"""Pretext head of masked reconstruction (MAE, MAMP, Gong, SkeletonMAE)."""
from typing import Optional

import torch
from mmengine.model import BaseModule

from skelbench.registry import MODELS


@MODELS.register_module()
class ReconstructionHead(BaseModule):
    """Masked reconstruction loss on decoder predictions.

    ``pred (B, L, P)`` (decoder output, ``P = l C`` per token), ``target
    (B, L, P)`` (the pipeline's ``GenerateReconstructionTarget``: joint or
    motion, none / per-segment / NAT normalisation) and ``mask (B, L)``
    (True = masked) -> ``dict(loss_rec=...)`` with the configured loss
    (default :class:`MaskedMSELoss`: MSE on the masked tokens only).

    Args:
        loss (dict): Loss config.
        loss_name (str): Key of the loss in the returned dict.
    """

    def __init__(self, loss: dict = dict(type='MaskedMSELoss'),
                 loss_name: str = 'loss_rec', init_cfg=None):
        super().__init__(init_cfg=init_cfg)
        if 'loss' not in loss_name:
            raise ValueError("loss_name must contain 'loss' so that the "
                             f'runner sums it, got {loss_name!r}')
        self.loss_module = MODELS.build(loss)
        self.loss_name = loss_name

    def loss(self, pred: torch.Tensor, target: torch.Tensor,
             mask: Optional[torch.Tensor] = None) -> dict:
        return {self.loss_name: self.loss_module(pred, target, mask)}
