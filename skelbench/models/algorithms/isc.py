"""Skeleton-Contrast (Thoker, Doughty & Snoek, ACM MM'21): inter- and
intra-skeleton contrast."""
from collections import OrderedDict
from typing import Dict, Iterator, NamedTuple, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from skelbench.models.utils.ema import CosineMomentumEMA
from skelbench.models.utils.feature_queue import FeatureQueue
from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample

from .base import BaseSkeletonSSL, Inputs, embedding_std


class _Branch(NamedTuple):
    """The modules of one skeleton representation."""
    backbone: nn.Module             # f_q
    neck: nn.Module                 # projection of f_q
    momentum_backbone: nn.Module    # f_k = EMA(f_q)
    momentum_neck: nn.Module        # EMA of the projection
    queue: FeatureQueue             # negatives N of this representation


@MODELS.register_module()
class ISC(BaseSkeletonSSL):
    """Inter-skeleton contrast (ISC) and intra-skeleton contrast (MoCo on
    one representation), Thoker et al., "Skeleton-Contrastive 3D Action
    Representation Learning".

    Each sample arrives as two augmented views ``X_q, X_k`` (``MultiView``
    with the spatio-temporal augmentation of Sec. 3.1). Every
    representation ``r`` (sequence / BiGRU, graph / AGCN, image / HCN; all
    backbones read ``(N, M, T, V, C)`` and build their own
    representation) has a query encoder and a key encoder, the momentum
    copy ``f_k <- m f_k + (1 - m) f_q`` (``m = 0.999``), each followed by
    its MLP projection to 128 (:class:`NonLinearNeck`, ``with_bn=False``)::

        Z^r_q = norm(g^r_q(pool(f^r_q(X_q))))        # (N, 128)
        Z^r_k = norm(g^r_k(pool(f^r_k(X_k))))        # no gradient

    * Inter-skeleton (``cross_representation`` given; Sec. 3.3): the
      query of each representation is contrasted with the key and the
      queue of the other, eqs. (7), (8); ``L = L(X^a) + L(X^b)``, eq. (6).
    * Intra-skeleton (``cross_representation=None``; Sec. 3.2): the query
      against its own key and queue, eq. (5).

    After the loss the keys (L2-normalised, of all ranks under DDP) are
    enqueued into their representation's :class:`FeatureQueue` (buffers
    ``queue``, ``ptr``: in checkpoints). The key encoders are stepped by
    :class:`MomentumUpdateHook` after every optimizer step, which for
    MoCo's update-before-keys order is the same sequence of weights. With
    ``key_train_mode`` the key encoders run in training mode (batch
    statistics in BatchNorm, dropout), as the public code, whose key
    encoders are part of the model in ``train()``.

    The downstream encoder is the query encoder of the first
    representation, ``backbone`` (the paper evaluates the sequence query
    encoder ``f^SEQ_q``); it is what :func:`skelbench.checkpoint.
    encoder_state_dict` extracts (``backbone.*``). State-dict prefixes:
    ``backbone``, ``neck``, ``momentum_backbone``, ``momentum_neck``,
    ``queue`` (first representation) and ``cross_backbone``,
    ``cross_neck``, ``momentum_cross_backbone``, ``momentum_cross_neck``,
    ``cross_queue`` (second).

    Args:
        backbone (dict): Encoder of the first (downstream) representation.
        neck (dict): Its projection (``NonLinearNeck`` with
            ``with_bn=False``, output 128).
        representation (str): Name of the first representation (``'seq'``);
            names the logged terms ``loss_<name>``.
        cross_representation (dict, optional): ``dict(name=..., backbone=
            ..., neck=...)`` of the second representation (inter-skeleton);
            ``None`` for intra-skeleton contrast.
        head (dict): :class:`CrossContrastiveHead` config (``tau = 0.07``).
        queue_len (int): Negatives per representation ``|N|`` (16,384 NTU,
            8,192 PKU-MMD I, 2,048 PKU-MMD II).
        base_momentum, end_momentum (float): ``m`` (constant 0.999).
        key_train_mode (bool): Run the key encoders in training mode.

    Raises:
        ValueError: For a repeated or empty representation name, a
            ``cross_representation`` without ``backbone`` / ``neck``, or
            projections of different sizes.
    """

    def __init__(self, backbone: dict, neck: dict,
                 representation: str = 'seq',
                 cross_representation: Optional[dict] = None,
                 head: dict = dict(type='CrossContrastiveHead',
                                   loss=dict(type='InfoNCELoss',
                                             temperature=0.07)),
                 queue_len: int = 16384, base_momentum: float = 0.999,
                 end_momentum: float = 0.999, key_train_mode: bool = True,
                 **kwargs):
        super().__init__(backbone=backbone, neck=neck, head=head, **kwargs)
        if not isinstance(representation, str) or not representation:
            raise ValueError('representation must be a non-empty name, got '
                             f'{representation!r}')
        self.key_train_mode = bool(key_train_mode)
        ema = dict(base_momentum=base_momentum, end_momentum=end_momentum)
        self.momentum_backbone = CosineMomentumEMA(self.backbone, **ema)
        self.momentum_neck = CosineMomentumEMA(self.neck, **ema)
        feat_dim = self._feat_dim(self.neck, 'neck')
        self.queue = FeatureQueue(queue_len, feat_dim, name='queue_len')
        self.representations: Tuple[str, ...] = (representation, )
        if cross_representation is not None:
            cross = dict(cross_representation)
            name = cross.pop('name', None)
            missing = [k for k in ('backbone', 'neck') if k not in cross]
            if missing or cross.keys() - {'backbone', 'neck'}:
                raise ValueError(
                    'cross_representation must be dict(name=..., backbone='
                    f'..., neck=...), got keys {sorted(cross_representation)}')
            if not isinstance(name, str) or not name or \
                    name == representation:
                raise ValueError(
                    'cross_representation.name must be a non-empty name '
                    f'other than representation={representation!r}, got '
                    f'{name!r}')
            self.cross_backbone = MODELS.build(cross['backbone'])
            self.cross_neck = MODELS.build(cross['neck'])
            cross_dim = self._feat_dim(self.cross_neck, 'cross_neck')
            if cross_dim != feat_dim:
                raise ValueError(
                    'neck.out_channels and cross_representation.neck.'
                    f'out_channels must agree (the two representations '
                    f'share the embedding space), got {feat_dim} and '
                    f'{cross_dim}')
            self.momentum_cross_backbone = CosineMomentumEMA(
                self.cross_backbone, **ema)
            self.momentum_cross_neck = CosineMomentumEMA(self.cross_neck,
                                                         **ema)
            self.cross_queue = FeatureQueue(queue_len, feat_dim,
                                            name='queue_len')
            self.representations += (name, )

    @staticmethod
    def _feat_dim(neck: nn.Module, field: str) -> int:
        dim = getattr(neck, 'out_channels', None)
        if not isinstance(dim, int):
            raise ValueError(f'ISC: {field} must have an int out_channels '
                             '(the embedding size), e.g. NonLinearNeck')
        return dim

    # ------------------------------------------------------------------
    @property
    def is_inter(self) -> bool:
        """Inter-skeleton (two representations) or intra-skeleton."""
        return len(self.representations) == 2

    @property
    def pairs(self) -> Dict[str, str]:
        """Query representation -> representation of its keys and
        negatives (eq. 6: crossed; eq. 5: itself)."""
        names = self.representations
        if self.is_inter:
            return {names[0]: names[1], names[1]: names[0]}
        return {names[0]: names[0]}

    def branches(self) -> 'OrderedDict[str, _Branch]':
        """Representation name -> its modules."""
        out = OrderedDict()
        out[self.representations[0]] = _Branch(
            self.backbone, self.neck, self.momentum_backbone,
            self.momentum_neck, self.queue)
        if self.is_inter:
            out[self.representations[1]] = _Branch(
                self.cross_backbone, self.cross_neck,
                self.momentum_cross_backbone, self.momentum_cross_neck,
                self.cross_queue)
        return out

    def momentum_pairs(self) -> Iterator[Tuple[nn.Module, nn.Module]]:
        for b in self.branches().values():
            yield b.momentum_backbone, b.backbone
            yield b.momentum_neck, b.neck

    # ------------------------------------------------------------------
    def embed(self, backbone: nn.Module, neck: nn.Module,
              x: torch.Tensor) -> torch.Tensor:
        """``x (N, M, T, V, C)`` -> L2-normalised ``Z (N, D)``: encoder,
        mean over tokens and actors, projection (normalised in float32,
        also under autocast: the keys go into the queue)."""
        return F.normalize(neck(self.pool(backbone(x))).float(), dim=1)

    @torch.no_grad()
    def embed_key(self, branch: _Branch, x: torch.Tensor) -> torch.Tensor:
        """``Z_k (N, D)`` of the key encoder (no gradient)."""
        mods = (branch.momentum_backbone.module, branch.momentum_neck.module)
        for m in mods:
            m.train(self.key_train_mode and self.training)
        try:
            return self.embed(*mods, x)
        finally:
            for m in mods:
                m.eval()

    def loss(self, inputs: Inputs,
             data_samples: Sequence[SkeletonDataSample]) -> dict:
        """Eqs. (5)-(8) on the views ``inputs = [X_q, X_k]``, each
        ``(N, M, T, V, C)``."""
        views = self.split_views(inputs)
        if len(views) != 2:
            raise ValueError(
                f'ISC needs two views (query, key) per sample, got '
                f'{len(views)}: use MultiView(num_views=2) in the train '
                'pipeline')
        x_q, x_k = views
        if x_q.shape[0] != x_k.shape[0]:
            raise ValueError('the query and key views have different batch '
                             f'sizes: {x_q.shape[0]} and {x_k.shape[0]}')
        queries, keys, negatives = {}, {}, {}
        for name, br in self.branches().items():
            queries[name] = self.embed(br.backbone, br.neck, x_q)
            keys[name] = self.embed_key(br, x_k)
            # snapshot: the queue is written in place below
            negatives[name] = br.queue.queue.clone().detach()
        losses = self.head.loss(queries, keys, negatives, self.pairs)
        if self.training:
            for name, br in self.branches().items():
                br.queue.enqueue(keys[name].float())
        for name in self.representations:
            suffix = '' if name == self.representations[0] else f'_{name}'
            losses[f'feat_std{suffix}'] = embedding_std(queries[name])
        return losses
