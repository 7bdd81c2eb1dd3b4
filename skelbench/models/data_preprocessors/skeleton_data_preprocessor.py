"""Batches skeleton samples and moves them to the model's device."""
from typing import List, Optional, Sequence, Union

import torch
from mmengine.model import BaseDataPreprocessor

from skelbench.registry import MODELS


@MODELS.register_module()
class SkeletonDataPreprocessor(BaseDataPreprocessor):
    """Stack per-sample inputs into ``(N, M, T, V, C)`` float tensors.

    Multi-view samples become a list of ``n_views`` batched tensors. Both
    batch layouts are accepted: view-major ``[view][sample]`` (what
    mmengine's ``pseudo_collate`` makes of ``MultiView`` outputs) and
    sample-major ``[sample][view]`` (hand-made batches). Every batch is
    checked: all samples of a view must have the same shape, rank 4, and
    finite values; errors name the offending samples (``frame_dir``).

    Args:
        check_finite (bool): Raise on NaN/inf inputs.
        num_joints (int, optional): Expected ``V``.
        in_channels (int, optional): Expected ``C``.
    """

    def __init__(self, check_finite: bool = True,
                 num_joints: Optional[int] = None,
                 in_channels: Optional[int] = None):
        super().__init__()
        self.check_finite = check_finite
        self.num_joints = num_joints
        self.in_channels = in_channels

    @staticmethod
    def _names(data_samples, idx) -> List[str]:
        if not data_samples:
            return [f'#{i}' for i in idx]
        return [str(data_samples[i].metainfo.get('frame_dir', f'#{i}'))
                for i in idx]

    def _stack(self, items: Sequence[torch.Tensor], data_samples, view=None
               ) -> torch.Tensor:
        where = '' if view is None else f' (view {view})'
        shapes = [tuple(t.shape) for t in items]
        for i, s in enumerate(shapes):
            if len(s) != 4:
                raise ValueError(
                    f'sample {self._names(data_samples, [i])[0]}{where}: '
                    f'inputs must be (M, T, V, C), got shape {s}')
        if len(set(shapes)) > 1:
            raise ValueError(
                f'inputs of one batch{where} have different shapes '
                f'{sorted(set(shapes))}: fix T with a temporal transform '
                'and M with FormatPersons in the pipeline')
        M, T, V, C = shapes[0]
        if self.num_joints is not None and V != self.num_joints:
            raise ValueError(f'inputs have V={V} joints, the model expects '
                             f'{self.num_joints}')
        if self.in_channels is not None and C != self.in_channels:
            raise ValueError(f'inputs have C={C} channels, the model '
                             f'expects {self.in_channels}')
        batch = torch.stack(list(items)).float()
        if self.check_finite:
            finite = torch.isfinite(batch).flatten(1).all(1)
            if not bool(finite.all()):
                bad = torch.nonzero(~finite).flatten().tolist()
                raise ValueError(
                    f'non-finite values in the inputs{where} of samples '
                    f'{self._names(data_samples, bad)}')
        return batch

    @staticmethod
    def _is_view_major(inputs, data_samples) -> bool:
        """Whether nested ``inputs`` are ``[view][sample]``.

        ``pseudo_collate`` transposes the per-sample view lists into one
        tuple per view (``len(inputs[0]) == N``); a hand-made batch is a
        list of per-sample lists (``len(inputs) == N``).
        """
        n = len(data_samples) if data_samples else None
        if n is not None and len(inputs[0]) == n and len(inputs) != n:
            return True
        if n is not None and len(inputs) == n and len(inputs[0]) != n:
            return False
        return isinstance(inputs[0], tuple)

    def forward(self, data: dict, training: bool = False) -> dict:
        data = self.cast_data(data)
        inputs = data['inputs']
        samples = data.get('data_samples')
        if isinstance(inputs, torch.Tensor):
            if inputs.dim() == 5:  # already batched
                items = list(inputs)
            else:
                raise ValueError('batched inputs must be (N, M, T, V, C), '
                                 f'got {tuple(inputs.shape)}')
            batch: Union[torch.Tensor, List] = self._stack(items, samples)
        elif len(inputs) and isinstance(inputs[0], (list, tuple)):
            if not self._is_view_major(inputs, samples):
                inputs = [list(views) for views in zip(*inputs)]
            batch = [self._stack(list(view), samples, v)
                     for v, view in enumerate(inputs)]
        else:
            batch = self._stack(inputs, samples)
        return dict(inputs=batch, data_samples=samples)


def build_data_preprocessor(
        cfg: Optional[Union[dict, BaseDataPreprocessor]]
) -> BaseDataPreprocessor:
    """The data preprocessor of a skelbench model from its config.

    ``None`` gives a :class:`SkeletonDataPreprocessor`; a dict is built
    from skelbench's ``MODELS`` registry, so that no default scope is
    needed (mmengine's ``BaseModel`` would build it from the root
    registry); a built module is returned as it is.
    """
    if cfg is None:
        cfg = dict(type='SkeletonDataPreprocessor')
    if isinstance(cfg, dict):
        return MODELS.build(cfg)
    return cfg
