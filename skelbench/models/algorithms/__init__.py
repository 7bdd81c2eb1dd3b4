"""Self-supervised algorithms (registry ``MODELS``)."""
from .base import BaseSkeletonSSL, check_token_split, embedding_std
from .byol import SkeletonBYOL
from .distiller import Distiller
from .isc import ISC
from .mae import MAE
from .mamp import MAMP
from .nat_contrast import NATContrast
from .sjepa import SJEPA
from .skeleton_mae import SkeletonMAE

__all__ = ['BaseSkeletonSSL', 'embedding_std', 'check_token_split', 'MAMP',
           'MAE', 'SJEPA', 'NATContrast', 'SkeletonMAE', 'Distiller',
           'ISC', 'SkeletonBYOL']
