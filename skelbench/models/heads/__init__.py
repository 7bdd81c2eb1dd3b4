"""Heads (registry ``MODELS``)."""
from .cls_head import ClsHead
from .contrastive_head import ContrastiveHead
from .cross_contrastive_head import CrossContrastiveHead
from .jepa_head import JEPAHead
from .latent_prediction_head import LatentPredictHead
from .reconstruction_head import ReconstructionHead

__all__ = ['ClsHead', 'ReconstructionHead', 'JEPAHead', 'ContrastiveHead',
           'CrossContrastiveHead', 'LatentPredictHead']
