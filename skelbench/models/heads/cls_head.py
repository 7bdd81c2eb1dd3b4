"""Classification head."""
from typing import List, Optional, Sequence

import torch
from mmengine.model import BaseModule
from mmengine.model.weight_init import trunc_normal_
from torch import nn

from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample


@MODELS.register_module()
class ClsHead(BaseModule):
    """Linear or MLP classifier on pooled features ``(N, D)``.

    ``logits = W2 act(BN(W1 drop(norm(f))))`` for the MLP variant
    (MAMP fine-tune head: hidden 2048, BN, ReLU), ``W drop(norm(f))`` for
    the linear one. ``pre_norm='bn_noaffine'`` puts MAMP's linear-probe
    ``BatchNorm1d(D, affine=False, eps=1e-6)`` before the classifier.

    Args:
        num_classes (int): Classes.
        in_channels (int): Feature width ``D``.
        hidden_channels (int, optional): MLP hidden width; None = linear.
        pre_norm (str, optional): None or ``'bn_noaffine'``.
        dropout (float): Dropout on the input features.
        loss (dict): Loss config.
        init_std (float): Std of the classifier's truncated-normal init.
    """

    def __init__(self, num_classes: int, in_channels: int,
                 hidden_channels: Optional[int] = None,
                 pre_norm: Optional[str] = None, dropout: float = 0.,
                 loss: dict = dict(type='CrossEntropyLoss'),
                 init_std: float = 0.01, init_cfg=None):
        super().__init__(init_cfg=init_cfg)
        if num_classes < 1 or in_channels < 1:
            raise ValueError('num_classes and in_channels must be >= 1, got '
                             f'{num_classes}, {in_channels}')
        if pre_norm not in (None, 'bn_noaffine'):
            raise ValueError(f"pre_norm must be None or 'bn_noaffine', got "
                             f'{pre_norm!r}')
        self.num_classes = num_classes
        self.in_channels = in_channels
        self.pre_norm = nn.BatchNorm1d(in_channels, affine=False, eps=1e-6) \
            if pre_norm == 'bn_noaffine' else nn.Identity()
        self.dropout = nn.Dropout(dropout) if dropout > 0 else nn.Identity()
        if hidden_channels:
            self.fc = nn.Sequential(
                nn.Linear(in_channels, hidden_channels),
                nn.BatchNorm1d(hidden_channels), nn.ReLU(inplace=True),
                nn.Linear(hidden_channels, num_classes))
        else:
            self.fc = nn.Linear(in_channels, num_classes)
        self.loss_module = MODELS.build(loss)
        self.init_std = init_std
        for m in self.fc.modules() if hidden_channels else [self.fc]:
            if isinstance(m, nn.Linear):
                trunc_normal_(m.weight, std=init_std)
                nn.init.zeros_(m.bias)

    def forward(self, feats: torch.Tensor) -> torch.Tensor:
        """``(N, D) -> (N, num_classes)``."""
        if feats.dim() != 2 or feats.shape[1] != self.in_channels:
            raise ValueError(f'ClsHead expects (N, {self.in_channels}) '
                             f'features, got {tuple(feats.shape)}')
        return self.fc(self.dropout(self.pre_norm(feats)))

    def loss(self, feats: torch.Tensor,
             data_samples: Sequence[SkeletonDataSample]) -> dict:
        logits = self(feats)
        labels = torch.cat([ds.gt_label for ds in data_samples]).to(
            logits.device)
        if labels.min() < 0 or labels.max() >= self.num_classes:
            raise ValueError(f'labels must be in [0, {self.num_classes}), '
                             f'got range [{int(labels.min())}, '
                             f'{int(labels.max())}]')
        loss = self.loss_module(logits, labels)
        with torch.no_grad():
            acc = (logits.argmax(1) == labels).float().mean() * 100
        return dict(loss_cls=loss, top1_acc=acc)

    def predict(self, feats: torch.Tensor,
                data_samples: Optional[List[SkeletonDataSample]] = None
                ) -> List[SkeletonDataSample]:
        scores = self(feats).softmax(dim=1)
        if data_samples is None:
            data_samples = [SkeletonDataSample() for _ in range(len(scores))]
        for ds, score in zip(data_samples, scores):
            ds.set_pred_score(score)
        return data_samples
