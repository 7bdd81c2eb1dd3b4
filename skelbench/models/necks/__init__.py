"""Necks (registry ``MODELS``)."""
from .global_pool import SkeletonGlobalPool
from .mask_token_decoder import MaskTokenDecoder
from .moco_v2_neck import MoCoV2Neck
from .nonlinear_neck import NonLinearNeck

__all__ = ['SkeletonGlobalPool', 'MaskTokenDecoder', 'MoCoV2Neck',
           'NonLinearNeck']
