"""Data sample carried next to each skeleton input through the model."""
from numbers import Integral
from typing import Sequence, Union

import numpy as np
import torch
from mmengine.structures import BaseDataElement


def _to_long_tensor(value) -> torch.Tensor:
    if isinstance(value, torch.Tensor):
        return value.long().reshape(-1)
    if isinstance(value, np.ndarray):
        return torch.from_numpy(value).long().reshape(-1)
    if isinstance(value, Integral):
        return torch.tensor([int(value)], dtype=torch.long)
    if isinstance(value, Sequence):
        return torch.tensor(list(value), dtype=torch.long)
    raise TypeError(f'cannot convert {type(value).__name__} to a label')


class SkeletonDataSample(BaseDataElement):
    """Annotations and predictions of one skeleton sequence.

    Fields (all optional):
        gt_label (LongTensor, ``(1,)``): ground-truth class index.
        pred_score (Tensor, ``(num_classes,)``): class scores.
        pred_label (LongTensor, ``(1,)``): predicted class index.
        feat (Tensor, ``(D,)``): pooled feature (kNN, feature dumps).

    Meta information (``metainfo``) holds ``frame_dir``, ``sample_idx`` and
    the dataset's metadata keys (``subject``, ``camera`` ...).
    """

    def set_gt_label(self, value: Union[int, np.ndarray, torch.Tensor]
                     ) -> 'SkeletonDataSample':
        self.gt_label = _to_long_tensor(value)
        return self

    def set_pred_score(self, value: torch.Tensor) -> 'SkeletonDataSample':
        if value.dim() != 1:
            raise ValueError('pred_score must be 1-D (num_classes,), got '
                             f'shape {tuple(value.shape)}')
        self.pred_score = value
        self.pred_label = value.argmax(dim=0, keepdim=True)
        return self

    def set_feat(self, value: torch.Tensor) -> 'SkeletonDataSample':
        self.feat = value
        return self
