"""Data preprocessors (registry ``MODELS``)."""
from .skeleton_data_preprocessor import SkeletonDataPreprocessor

__all__ = ['SkeletonDataPreprocessor']
