"""Heads (registry ``MODELS``)."""
from .cls_head import ClsHead

__all__ = ['ClsHead']
