"""Necks (registry ``MODELS``)."""
from .global_pool import SkeletonGlobalPool
from .mask_token_decoder import MaskTokenDecoder

__all__ = ['SkeletonGlobalPool', 'MaskTokenDecoder']
