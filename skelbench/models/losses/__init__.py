"""Losses (registry ``MODELS``)."""
from .cross_entropy_loss import CrossEntropyLoss
from .distillation_loss import SoftTargetCrossEntropyLoss
from .info_nce_loss import InfoNCELoss
from .latent_prediction_loss import LatentCrossEntropyLoss, LatentMSELoss
from .masked_mse_loss import MaskedMSELoss
from .normalized_l2_loss import NormalizedL2Loss

__all__ = ['CrossEntropyLoss', 'MaskedMSELoss', 'InfoNCELoss',
           'LatentCrossEntropyLoss', 'LatentMSELoss',
           'SoftTargetCrossEntropyLoss', 'NormalizedL2Loss']
