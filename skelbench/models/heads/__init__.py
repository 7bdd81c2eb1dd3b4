"""Heads (registry ``MODELS``)."""
from .cls_head import ClsHead
from .contrastive_head import ContrastiveHead
from .jepa_head import JEPAHead
from .reconstruction_head import ReconstructionHead

__all__ = ['ClsHead', 'ReconstructionHead', 'JEPAHead', 'ContrastiveHead']
