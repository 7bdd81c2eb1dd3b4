"""Necks (registry ``MODELS``)."""
from .global_pool import SkeletonGlobalPool
from .mask_token_decoder import MaskTokenDecoder
from .nonlinear_neck import NonLinearNeck

__all__ = ['SkeletonGlobalPool', 'MaskTokenDecoder',
           'NonLinearNeck']
