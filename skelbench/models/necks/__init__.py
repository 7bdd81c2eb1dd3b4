"""Necks (registry ``MODELS``)."""
from .global_pool import SkeletonGlobalPool

__all__ = ['SkeletonGlobalPool']
