"""Formatting transforms: person padding and packing into model inputs."""
from typing import Sequence

import numpy as np
import torch
from mmcv.transforms import BaseTransform

from skelbench.layouts import SkeletonLayout
from skelbench.registry import TRANSFORMS
from skelbench.structures import SkeletonDataSample


@TRANSFORMS.register_module()
class FormatPersons(BaseTransform):
    """Pad or trim the actor axis to ``num_persons``.

    Required keys: ``keypoint`` (M, T, V, C).
    Modified keys: ``keypoint`` -> (num_persons, T, V, C).
    Added keys: ``num_valid_persons`` (actors before padding).

    Args:
        num_persons (int): Output number of actors (NTU: 2).
        mode (str): ``'zero'`` pads with all-zero actors (MAMP NTU60);
            ``'loop'`` repeats the existing actors (MAMP NTU120).
    """

    def __init__(self, num_persons: int = 2, mode: str = 'zero'):
        if num_persons < 1:
            raise ValueError(f'num_persons must be >= 1, got {num_persons}')
        if mode not in ('zero', 'loop'):
            raise ValueError(f"mode must be 'zero' or 'loop', got {mode!r}")
        self.num_persons = int(num_persons)
        self.mode = mode

    def transform(self, results: dict) -> dict:
        kp = results['keypoint']
        M = kp.shape[0]
        results['num_valid_persons'] = min(M, self.num_persons)
        if M > self.num_persons:
            kp = kp[:self.num_persons]
        elif M < self.num_persons:
            if self.mode == 'zero':
                pad = np.zeros((self.num_persons - M, ) + kp.shape[1:],
                               dtype=kp.dtype)
                kp = np.concatenate([kp, pad], axis=0)
            else:
                reps = -(-self.num_persons // M)
                kp = np.concatenate([kp] * reps, axis=0)[:self.num_persons]
        results['keypoint'] = np.ascontiguousarray(kp)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(num_persons={self.num_persons}, '
                f"mode='{self.mode}')")


@TRANSFORMS.register_module()
class PackSkeletonInputs(BaseTransform):
    """Pack a sample into ``dict(inputs=..., data_samples=...)``.

    Required keys: ``keypoint`` (a ``(M, T, V, C)`` array, or a list of
    them for multi-view pipelines, see :class:`MultiView`), ``label``
    (optional), the ``algorithm_keys``.
    Added keys: ``inputs`` (float32 tensor or list of tensors),
    ``data_samples`` (:class:`SkeletonDataSample` with ``gt_label``, the
    ``meta_keys`` in its metainfo and the ``algorithm_keys`` as fields).
    A :class:`~skelbench.layouts.SkeletonLayout` in ``layout`` is stored
    as its name.

    Args:
        input_key (str): Key packed into ``inputs``.
        meta_keys (Sequence[str]): Keys copied into the metainfo when
            present.
        algorithm_keys (Sequence[str]): Keys attached as data fields
            (converted to tensors; a list of arrays, e.g. one per view,
            becomes a list of tensors), e.g. ``'target'``, ``'mask'``,
            ``'ids_keep'``, ``'ids_masked'``, ``'ids_restore'``. Boolean
            masks stay ``torch.bool`` and indices ``torch.int64``.
    """

    def __init__(self, input_key: str = 'keypoint',
                 meta_keys: Sequence[str] = (
                     'frame_dir', 'sample_idx', 'total_frames', 'subject',
                     'camera', 'view', 'performance', 'layout'),
                 algorithm_keys: Sequence[str] = ()):
        self.input_key = input_key
        self.meta_keys = tuple(meta_keys)
        self.algorithm_keys = tuple(algorithm_keys)

    @classmethod
    def _to_tensor(cls, value):
        if isinstance(value, (list, tuple)) and value and all(
                isinstance(v, (np.ndarray, torch.Tensor)) for v in value):
            return [cls._to_tensor(v) for v in value]
        if isinstance(value, torch.Tensor):
            return value
        if isinstance(value, np.ndarray):
            return torch.from_numpy(np.ascontiguousarray(value))
        return torch.as_tensor(value)

    def transform(self, results: dict) -> dict:
        if self.input_key not in results:
            raise KeyError(f'PackSkeletonInputs: no {self.input_key!r} in '
                           f'the results (keys: {sorted(results)})')
        value = results[self.input_key]
        if isinstance(value, (list, tuple)):
            inputs = [self._to_tensor(v).float() for v in value]
        else:
            inputs = self._to_tensor(value).float()
        sample = SkeletonDataSample()
        if 'label' in results:
            sample.set_gt_label(results['label'])
        meta = {k: results[k] for k in self.meta_keys if k in results}
        if isinstance(meta.get('layout'), SkeletonLayout):
            meta['layout'] = meta['layout'].name
        sample.set_metainfo(meta)
        for key in self.algorithm_keys:
            if key not in results:
                raise KeyError(f'PackSkeletonInputs: algorithm key {key!r} '
                               'is missing from the results')
            sample.set_field(self._to_tensor(results[key]), key)
        return dict(inputs=inputs, data_samples=sample)

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(input_key={self.input_key!r}, '
                f'meta_keys={self.meta_keys}, '
                f'algorithm_keys={self.algorithm_keys})')
