"""Recognizers (registry ``MODELS``)."""
from .skeleton_recognizer import SkeletonRecognizer

__all__ = ['SkeletonRecognizer']
