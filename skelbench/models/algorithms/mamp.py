"""MAMP: masked motion prediction (Mao et al., ICCV'23)."""
from typing import Sequence

import torch

from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample

from .base import BaseSkeletonSSL, Inputs, check_token_split, embedding_std


@MODELS.register_module()
class MAMP(BaseSkeletonSSL):
    """Masked motion prediction (MAMP) / masked joint reconstruction.

    methods.md section 1.3. For an actor's token grid ``L = T' V``::

        h = f_theta(E[ids_keep])               # encoder, visible tokens
        y = g(unshuffle([W_e h, m...], ids_restore))   # decoder (B, L, lC)
        L_r = sum_i mask_i ||y_i - s_i||^2 / (lC sum_i mask_i)

    The masking and the target ``s`` come from the pipeline:

    * MAMP: ``MotionAwareMasking(mask_ratio=0.9, tau=0.8)`` and
      ``GenerateReconstructionTarget(source='motion', norm='segment')``;
    * MAE baseline (:class:`MAE`): ``RandomTokenMasking(0.9)`` and
      ``GenerateReconstructionTarget(source='joint', norm='segment')``;
    * Gong et al.'s reconstruction branch: ``norm='nat'``.

    Required data-sample fields (``algorithm_keys``): ``ids_keep (M, K)``,
    ``ids_restore (M, L)``, ``mask (M, L)``, ``target (M, T', V, lC)``.

    Args:
        backbone (dict): :class:`SkeletonTransformer` config.
        neck (dict): :class:`MaskTokenDecoder` config (``out_channels =
            lC``).
        head (dict): :class:`ReconstructionHead` config.
    """

    def __init__(self, backbone: dict, neck: dict,
                 head: dict = dict(type='ReconstructionHead'), **kwargs):
        super().__init__(backbone=backbone, neck=neck, head=head, **kwargs)
        self.check_pretext_weights(dict(head=self.head))

    def reconstruct(self, x: torch.Tensor,
                    data_samples: Sequence[SkeletonDataSample]):
        """Encoder on the visible tokens and decoder.

        Returns ``latent (N M, K, D)``, ``pred (N M, L, lC)``, ``target
        (N M, L, lC)``, ``mask (N M, L)``.
        """
        dev = x.device
        ids_keep = self.gather_field(data_samples, 'ids_keep', dev)
        ids_restore = self.gather_field(data_samples, 'ids_restore', dev)
        mask = self.gather_field(data_samples, 'mask', dev)
        target = self.gather_field(data_samples, 'target', dev)
        check_token_split(ids_keep.shape[1],
                          ids_restore.shape[1] - ids_keep.shape[1],
                          type(self).__name__)
        latent = self.backbone(x, ids_keep)
        pred = self.neck(latent, ids_restore)
        target = target.reshape(target.shape[0], -1, target.shape[-1])
        if target.shape != pred.shape:
            raise ValueError(f'target {tuple(target.shape)} does not match '
                             f'the decoder output {tuple(pred.shape)}: '
                             'check segment_len / out_channels')
        return latent, pred, target, mask

    def loss(self, inputs: Inputs,
             data_samples: Sequence[SkeletonDataSample]) -> dict:
        x = self.split_views(inputs)[0]
        latent, pred, target, mask = self.reconstruct(x, data_samples)
        losses = self.head.loss(pred, target, mask)
        losses['feat_std'] = embedding_std(
            self.pool_tokens(latent, x.shape[0]))
        return losses
