"""Procedural synthetic skeleton actions (built-in demo data, no download).

See :func:`generate_synthetic_dataset`.
"""
from .generator import (CAMERA_AZIMUTHS, SYNTHETIC_CLASSES,
                        TWO_PERSON_CLASSES, generate_synthetic_dataset,
                        xsub_train_subjects)

__all__ = [
    'SYNTHETIC_CLASSES', 'TWO_PERSON_CLASSES', 'CAMERA_AZIMUTHS',
    'generate_synthetic_dataset', 'xsub_train_subjects'
]
