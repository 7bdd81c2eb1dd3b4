"""Backbones (registry ``MODELS``)."""
from .agcn import AGCN
from .base_backbone import BaseBackbone
from .base_graph_backbone import BaseGraphBackbone
from .bigru import BiGRU
from .hcn import HCN
from .skeleton_transformer import (SkeletonTransformer,
                                   interpolate_temporal_embed)
from .stgcn import STGCN
from .sttformer import STTFormer

__all__ = ['BaseBackbone', 'BaseGraphBackbone', 'SkeletonTransformer',
           'interpolate_temporal_embed', 'STGCN', 'AGCN', 'BiGRU', 'HCN',
           'STTFormer']
