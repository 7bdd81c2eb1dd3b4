"""Self-supervised algorithms (registry ``MODELS``)."""
from .base import BaseSkeletonSSL, embedding_std
from .mamp import MAE, MAMP
from .mask_contrast import MaskedContrastiveReconstruction
from .sjepa import SJEPA
from .skeleton_mae import SkeletonMAE

__all__ = ['BaseSkeletonSSL', 'embedding_std', 'MAMP', 'MAE', 'SJEPA',
           'MaskedContrastiveReconstruction', 'SkeletonMAE']
