"""Backbones (registry ``MODELS``)."""
from .base_backbone import BaseBackbone
from .skeleton_transformer import (SkeletonTransformer,
                                   interpolate_temporal_embed)

__all__ = ['BaseBackbone', 'SkeletonTransformer',
           'interpolate_temporal_embed']
