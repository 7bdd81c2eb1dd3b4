"""SkeletonMAE (Wu et al., ICMEW'23) with STTFormer encoder / decoder."""
from typing import Sequence

import torch
from torch import nn

from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample

from .base import BaseSkeletonSSL, Inputs, embedding_std


@MODELS.register_module()
class SkeletonMAE(BaseSkeletonSSL):
    """Spatio-temporal masked skeleton reconstruction with STTFormer.

    Pipeline: ``SpatioTemporalMasking`` (frame ratio, then joint ratio per
    remaining frame, random or fixed joints; paper best 0.5 / 0.5) gives
    ``mask (M, T V)`` over (frame, joint) entries. The official STTFormer
    ties its attention biases to the tuple-joint positions, so masked
    entries are not dropped: the encoder (``STTFormer(mask_token=True)``)
    replaces their embedding by a learnable mask token (methods.md 5.3).
    The decoder is an STTFormer stack of width 256 and depth 9 (with its
    sinusoidal tuple-joint position encoding) on the encoder's tuple
    features, followed by a 1x1 conv back to ``C`` coordinates::

        z = Dec(Enc(S, mask));  S* = Conv1x1(z)
        MSE = 1/N sum_i ||S_i - S*_i||^2     (paper: whole sequence)

    ``loss_on='masked'`` restricts the MSE to the masked entries (MAE).
    The encoder is kept downstream (fine-tuning: ``SkeletonRecognizer``
    with ``CrossEntropyLoss(label_smoothing=0.1)``).

    Required data-sample field: ``mask (M, T V)`` bool.

    Args:
        backbone (dict): Encoder :class:`STTFormer` (``mask_token=True``).
        decoder (dict): Decoder :class:`STTFormer` (``in_channels`` = the
            encoder's output width, ``embed_dims=256, depth=9``).
        head (dict): :class:`ReconstructionHead` config.
        loss_on (str): ``'all'`` (paper) or ``'masked'``.
    """

    def __init__(self, backbone: dict, decoder: dict,
                 head: dict = dict(type='ReconstructionHead'),
                 loss_on: str = 'all', **kwargs):
        super().__init__(backbone=backbone, head=head, **kwargs)
        if loss_on not in ('all', 'masked'):
            raise ValueError("loss_on must be 'all' or 'masked', got "
                             f'{loss_on!r}')
        self.loss_on = loss_on
        self.decoder = MODELS.build(decoder)
        self.recon = nn.Conv2d(self.decoder.out_channels,
                               self.backbone.in_channels, 1)

    def reconstruct(self, x: torch.Tensor, mask: torch.Tensor
                    ) -> torch.Tensor:
        """``x (N, M, T, V, C)``, ``mask (N, M, T, V)`` -> ``(N M, T, V,
        C)``."""
        N, M, T, V, C = x.shape
        feats = self.backbone(x, mask)  # N, M, T', V', D
        B = N * M
        feats = feats.reshape(B, *feats.shape[2:]).permute(0, 3, 1, 2)
        out = self.recon(self.decoder.forward_tuples(feats.contiguous()))
        # inverse of STTFormer.to_tuples: (B, C, T', l V) -> (B, T, V, C)
        return out.reshape(B, C, T, V).permute(0, 2, 3, 1)

    def loss(self, inputs: Inputs,
             data_samples: Sequence[SkeletonDataSample]) -> dict:
        x = self.split_views(inputs)[0]
        N, M, T, V, C = x.shape
        mask = self.gather_field(data_samples, 'mask', x.device)
        if mask.shape != (N * M, T * V):
            raise ValueError(f'mask {tuple(mask.shape)} must be (N M, T V) '
                             f'= {(N * M, T * V)}')
        rec = self.reconstruct(x, mask.reshape(N, M, T, V).bool())
        target = x.reshape(N * M, T * V, C)
        losses = self.head.loss(
            rec.reshape(N * M, T * V, C), target,
            mask if self.loss_on == 'masked' else None)
        with torch.no_grad():
            losses['feat_std'] = embedding_std(self.extract_feat(x))
        return losses
