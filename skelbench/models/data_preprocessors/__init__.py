"""Data preprocessors (registry ``MODELS``)."""
from .skeleton_data_preprocessor import (SkeletonDataPreprocessor,
                                         build_data_preprocessor)

__all__ = ['SkeletonDataPreprocessor', 'build_data_preprocessor']
