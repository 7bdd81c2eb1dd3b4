"""Supervised recognizer: backbone -> neck -> classification head."""
from typing import List, Optional, Sequence, Union

import torch
from mmengine.model import BaseModel

from skelbench.models.data_preprocessors import build_data_preprocessor
from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample


@MODELS.register_module()
class SkeletonRecognizer(BaseModel):
    """Skeleton action recognizer (supervised, linear probe, fine-tune).

    ``x (N, M, T, V, C)`` -> backbone ``(N, M, T', V, D)`` -> neck (pool
    over time, joints and actors) ``(N, D)`` -> head ``(N, num_classes)``.

    Modes of :meth:`forward`: ``'loss'`` (dict of losses), ``'predict'``
    (data samples with ``pred_score``/``pred_label``, and ``feat`` when
    ``test_cfg.output_feat``), ``'tensor'`` (class scores).

    Args:
        backbone (dict): Backbone config.
        cls_head (dict): Head config.
        neck (dict, optional): Neck config; defaults to
            :class:`SkeletonGlobalPool`.
        data_preprocessor (dict, optional): Defaults to
            :class:`SkeletonDataPreprocessor`.
        test_cfg (dict, optional): ``output_feat`` (bool) also stores the
            pooled features in the predictions (for kNN / dumps).
    """

    def __init__(self, backbone: dict, cls_head: Optional[dict] = None,
                 neck: Optional[dict] = None,
                 data_preprocessor: Optional[dict] = None,
                 train_cfg: Optional[dict] = None,
                 test_cfg: Optional[dict] = None, init_cfg=None):
        super().__init__(
            data_preprocessor=build_data_preprocessor(data_preprocessor),
            init_cfg=init_cfg)
        self.backbone = MODELS.build(backbone)
        self.neck = MODELS.build(neck if neck is not None else
                                 dict(type='SkeletonGlobalPool'))
        self.cls_head = MODELS.build(cls_head) if cls_head else None
        self.train_cfg = train_cfg or {}
        self.test_cfg = test_cfg or {}

    @property
    def with_cls_head(self) -> bool:
        return self.cls_head is not None

    def extract_feat(self, inputs: torch.Tensor) -> torch.Tensor:
        """Pooled features ``(N, D)`` of ``inputs (N, M, T, V, C)``."""
        person_mask = inputs.flatten(2).abs().sum(-1) > 0  # N, M
        feats = self.backbone(inputs)
        return self.neck(feats, person_mask=person_mask)

    def loss(self, inputs: torch.Tensor,
             data_samples: Sequence[SkeletonDataSample]) -> dict:
        if not self.with_cls_head:
            raise RuntimeError('SkeletonRecognizer has no cls_head to '
                               'compute a loss')
        return self.cls_head.loss(self.extract_feat(inputs), data_samples)

    def predict(self, inputs: torch.Tensor,
                data_samples: Optional[List[SkeletonDataSample]] = None
                ) -> List[SkeletonDataSample]:
        feats = self.extract_feat(inputs)
        if self.with_cls_head:
            data_samples = self.cls_head.predict(feats, data_samples)
        elif data_samples is None:
            data_samples = [SkeletonDataSample() for _ in range(len(feats))]
        if self.test_cfg.get('output_feat', False) or not self.with_cls_head:
            for ds, f in zip(data_samples, feats):
                ds.set_feat(f)
        return data_samples

    def forward(self, inputs: Union[torch.Tensor, List[torch.Tensor]],
                data_samples: Optional[List[SkeletonDataSample]] = None,
                mode: str = 'tensor'):
        if isinstance(inputs, (list, tuple)):
            if len(inputs) != 1:
                raise ValueError('SkeletonRecognizer takes one view, got '
                                 f'{len(inputs)}')
            inputs = inputs[0]
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            feats = self.extract_feat(inputs)
            return self.cls_head(feats) if self.with_cls_head else feats
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got "
                         f'{mode!r}')
