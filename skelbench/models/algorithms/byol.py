"""Skeleton BYOL (Moliner et al., CVPRW'22)."""
from typing import Iterator, Optional, Sequence, Tuple

import torch
from torch import nn

from skelbench.models.utils.ema import CosineMomentumEMA
from skelbench.models.utils.momentum_bn import MomentumBatchNorm
from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample

from .base import BaseSkeletonSSL, Inputs, embedding_std


@MODELS.register_module()
class SkeletonBYOL(BaseSkeletonSSL):
    """Bootstrap Your Own Latent on skeleton sequences.

    Online network ``theta``: encoder ``f`` (:attr:`backbone`, ST-GCN on
    joint + bone input), projector ``g`` (:attr:`neck`, pools the feature
    map) and predictor ``q`` (in :attr:`head`, a
    :class:`LatentPredictHead`); target network ``xi`` = EMA copy of
    ``(f, g)`` (:attr:`target_net`, :class:`CosineMomentumEMA`). For the
    views ``v1 = t1(s_c1)`` (aggressive pipeline T1) and ``v2 = t2(s_c2)``
    (conservative T2), ``(N, M, T, V, C)`` each::

        z_i  = g_theta(f_theta(v_i))          z'_i = g_xi(f_xi(v_i))
        L(v1, v2) = || norm(q(z_1)) - norm(z'_2) ||^2          (eq. 1)
        L_BYOL = L(v1, v2) + L(v2, v1)                          (eq. 2)
        xi <- lambda xi + (1 - lambda) theta                    (eq. 3)

    (batch means of eq. 1), ``lambda`` cosine from ``base_momentum``
    (0.99) to ``end_momentum`` (1) over the run, one step after every
    optimizer step (:class:`MomentumUpdateHook`). Only the online encoder
    is kept downstream.

    BatchNorm of the target (``target_bn``):

    * ``'momentum'`` (paper, §3.1): the target runs in eval mode with
      statistics that are a moving average (``bn_momentum`` = ``alpha``)
      of the online network's batch statistics, eq. 4
      (:class:`MomentumBatchNorm`, in checkpoints); no SyncBN needed. The
      paper gives no ``alpha``; by default (``bn_momentum=None``) it is
      the ``lambda`` of the same iteration's weight update, so that the
      target's statistics average the same stretch of the online
      network's trajectory as its weights (as Cai et al.'s EMAN does). A
      faster average (e.g. 0.9) normalises the slowly moving target
      weights with statistics of much more recent online weights.
    * ``'batch'``: the target normalises with its own batch statistics,
      one view at a time (classic BYOL; with SyncBN under DDP when the
      model is converted).

    The online network encodes each view separately (BN statistics per
    view, as BYOL); the target in momentum-BN mode encodes both views in
    one pass (eval-mode BN is per sample).

    Inputs: a list ``[v1, v2]`` from ``MultiView``; a single tensor is used
    for both views.

    Args:
        backbone (dict): Encoder config (:class:`STGCN`).
        neck (dict): Projector config (:class:`NonLinearNeck` with
            ``with_pool=True``).
        head (dict): :class:`LatentPredictHead` config (predictor + loss).
        base_momentum, end_momentum (float): ``lambda`` schedule.
        target_bn (str): ``'momentum'`` or ``'batch'``.
        bn_momentum (float, optional): ``alpha`` of eq. 4; ``None``: the
            EMA's ``lambda`` of each update.
    """

    def __init__(self, backbone: dict, neck: dict, head: dict,
                 base_momentum: float = 0.99, end_momentum: float = 1.0,
                 target_bn: str = 'momentum',
                 bn_momentum: Optional[float] = None,
                 **kwargs):
        super().__init__(backbone=backbone, neck=neck, head=head, **kwargs)
        if target_bn not in ('momentum', 'batch'):
            raise ValueError("target_bn must be 'momentum' or 'batch', got "
                             f'{target_bn!r}')
        self.check_pretext_weights(dict(head=self.head))
        self.target_bn = target_bn
        self.target_net = CosineMomentumEMA(
            self.online_net(), base_momentum=base_momentum,
            end_momentum=end_momentum)
        self.momentum_bn = MomentumBatchNorm(
            self.online_net(), bn_momentum) if target_bn == 'momentum' \
            else None

    def online_net(self) -> nn.Sequential:
        """``g_theta . f_theta`` (the modules shared with ``self``)."""
        return nn.Sequential(self.backbone, self.neck)

    def momentum_pairs(self) -> Iterator[Tuple[nn.Module, nn.Module]]:
        return iter([(self.target_net, self.online_net())])

    @torch.no_grad()
    def momentum_update(self) -> None:
        """EMA step of the target weights (eq. 3) and of the momentum BN
        statistics (eq. 4)."""
        lam = self.target_net.momentum  # lambda of this update
        super().momentum_update()
        if self.momentum_bn is not None:
            self.momentum_bn.step(lam if self.momentum_bn.momentum is None
                                  else None)

    def init_weights(self) -> None:
        super().init_weights()
        if self.momentum_bn is not None:
            self.momentum_bn.sync(self.online_net())

    @torch.no_grad()
    def target_projections(self, views: Sequence[torch.Tensor]
                           ) -> Sequence[torch.Tensor]:
        """``z'_i = g_xi(f_xi(v_i))`` for every view, ``(N, D)`` each."""
        target = self.target_net.module
        if self.momentum_bn is not None:
            self.momentum_bn.load_into(target)
            z = target(torch.cat(list(views), dim=0))
            return list(z.chunk(len(views), dim=0))
        target.train(self.training)
        try:
            return [target(v) for v in views]
        finally:
            target.eval()

    def loss(self, inputs: Inputs,
             data_samples: Sequence[SkeletonDataSample]) -> dict:
        views = self.split_views(inputs)
        if len(views) == 1:
            views = views * 2
        if len(views) != 2:
            raise ValueError(f'SkeletonBYOL takes 2 views, got {len(views)}')
        online = self.online_net()
        if self.momentum_bn is not None and self.training:
            with self.momentum_bn.record(online):
                z = [online(v) for v in views]
        else:
            z = [online(v) for v in views]
        z_t = self.target_projections(views)
        loss = self.head.loss(z[0], z_t[1]) + self.head.loss(z[1], z_t[0])
        return dict(loss_byol=loss, feat_std=embedding_std(z[0]),
                    target_feat_std=embedding_std(z_t[1]),
                    ema_momentum=torch.tensor(self.target_net.momentum,
                                              device=loss.device))
