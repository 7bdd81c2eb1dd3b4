"""Gong et al. (AAAI'24): masked reconstruction with NAT + contrast."""
from typing import Iterator, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from skelbench.models.utils.ema import CosineMomentumEMA
from skelbench.models.utils.feature_queue import FeatureQueue
from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample

from .base import BaseSkeletonSSL, Inputs, embedding_std
from .mamp import MAMP


@MODELS.register_module()
class NATContrast(MAMP):
    """Masked joint reconstruction (NAT target) boosted by contrastive
    learning, Gong et al., "Rethinking Masked Data Reconstruction
    Pretraining for Strong 3D Action Representation Learning".

    Online branch = MAMP (:class:`MAMP`): encoder on the visible tokens
    ``OE_mask``, decoder with mask tokens, masked MSE ``L_r`` to the
    target of the pipeline (``GenerateReconstructionTarget``:
    ``source='joint', norm='nat'`` is eq. 5; ``norm='segment'`` the joint
    ablation, ``source='motion'`` the motion one). Momentum branch: an
    EMA copy of the encoder (``mu = 0.999``) on the *whole unmasked*
    sequence, ``ME``. With global average pooling over tokens (and
    actors)::

        q = GAP(OE_mask),  k = GAP(ME)        # (N, D)
        L_c = InfoNCE(q, k, queue; tau = 0.07)          (eq. 9)
        L = L_r + lambda L_c,  lambda = 1e-4            (eq. 10)

    after which the L2-normalised keys of all ranks are enqueued
    (:class:`FeatureQueue`, ``N_Q = 65536``, in checkpoints). The online
    encoder is kept downstream. A second input view (``MultiView``), if
    given, is fed to the momentum encoder instead of the first.

    Either term may be switched off with a zero ``loss_weight`` (the
    ablations without contrast), not both. The queue must hold at least
    one batch of keys (of all ranks): ``queue_len`` smaller than the
    batch is refused at the first enqueue.

    Args:
        backbone, neck, head: as :class:`MAMP` (``head`` = L_r).
        contrast_head (dict): :class:`ContrastiveHead` config
            (``loss.loss_weight`` = ``lambda``).
        queue_len (int): ``N_Q``.
        base_momentum, end_momentum (float): ``mu`` (constant 0.999).
    """

    def __init__(self, backbone: dict, neck: dict,
                 head: dict = dict(type='ReconstructionHead'),
                 contrast_head: dict = dict(
                     type='ContrastiveHead',
                     loss=dict(type='InfoNCELoss', temperature=0.07,
                               loss_weight=1e-4)),
                 queue_len: int = 65536, base_momentum: float = 0.999,
                 end_momentum: float = 0.999, **kwargs):
        # MAMP's initialisation without its check of the reconstruction
        # weight alone: here either of the two terms may be switched off
        BaseSkeletonSSL.__init__(self, backbone=backbone, neck=neck,
                                 head=head, **kwargs)
        self.contrast_head = MODELS.build(contrast_head)
        self.check_pretext_weights(dict(head=self.head,
                                        contrast_head=self.contrast_head))
        self.momentum_backbone = CosineMomentumEMA(
            self.backbone, base_momentum=base_momentum,
            end_momentum=end_momentum)
        self.queue = FeatureQueue(queue_len, self.backbone.embed_dims,
                                  name='queue_len')

    def momentum_pairs(self) -> Iterator[Tuple[nn.Module, nn.Module]]:
        return iter([(self.momentum_backbone, self.backbone)])

    def loss(self, inputs: Inputs,
             data_samples: Sequence[SkeletonDataSample]) -> dict:
        views = self.split_views(inputs)
        x = views[0]
        x_k = views[1] if len(views) > 1 else x
        N = x.shape[0]
        latent, pred, target, mask = self.reconstruct(x, data_samples)
        losses = self.head.loss(pred, target, mask)
        q = self.pool_tokens(latent, N)
        with torch.no_grad():
            k = self.pool(self.momentum_backbone.module(x_k))
        # snapshot: the queue is updated in place below, before backward
        negatives = self.queue.queue.clone().detach()
        losses.update(self.contrast_head.loss(q, k, negatives))
        if self.training:
            self.queue.enqueue(F.normalize(k.float(), dim=1))
        losses['feat_std'] = embedding_std(q)
        losses['key_feat_std'] = embedding_std(k)
        return losses
