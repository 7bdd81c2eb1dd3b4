"""SkeletonMAE (Wu et al., ICMEW'23) with STTFormer encoder / decoder."""
from typing import Optional, Sequence

import torch
from torch import nn

from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample

from .base import BaseSkeletonSSL, Inputs, check_token_split, embedding_std


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
    ``target_key='target'`` (not in the paper) reconstructs the pipeline's
    ``GenerateReconstructionTarget`` output instead of the raw coordinates,
    e.g. Gong et al.'s NAT-normalised joints (``source='joint',
    norm='nat', segment_len`` = the tuple length): each entry ``S_{t,v,k}``
    becomes ``(S_{t,v,k} - mu) / sigma`` with ``mu, sigma`` the mean and
    std of axis ``k`` of joint ``v`` over the ``l`` frames of its tuple.
    The encoder is kept downstream (fine-tuning: ``SkeletonRecognizer``
    with ``CrossEntropyLoss(label_smoothing=0.1)``).

    Required data-sample field: ``mask (M, T V)`` bool.

    Args:
        backbone (dict): Encoder :class:`STTFormer` (``mask_token=True``).
        decoder (dict): Decoder :class:`STTFormer` (``in_channels`` = the
            encoder's output width, ``embed_dims=256, depth=9``).
        head (dict): :class:`ReconstructionHead` config.
        loss_on (str): ``'all'`` (paper) or ``'masked'``.
        target_key (str, optional): Data-sample field holding a per-token
            target ``(M, T', V, l C)`` in the patchify order of
            :func:`~skelbench.datasets.transforms.targets.patchify`
            (``T' l = T``); None (paper) = the input coordinates.
    """

    def __init__(self, backbone: dict, decoder: dict,
                 head: dict = dict(type='ReconstructionHead'),
                 loss_on: str = 'all', target_key: Optional[str] = None,
                 **kwargs):
        super().__init__(backbone=backbone, head=head, **kwargs)
        if loss_on not in ('all', 'masked'):
            raise ValueError("loss_on must be 'all' or 'masked', got "
                             f'{loss_on!r}')
        if target_key is not None and not isinstance(target_key, str):
            raise TypeError('target_key must be a data-sample field name or '
                            f'None, got {target_key!r}')
        self.check_pretext_weights(dict(head=self.head))
        self.loss_on = loss_on
        self.target_key = target_key
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

    def entry_target(self, data_samples: Sequence[SkeletonDataSample],
                     shape: tuple, device) -> torch.Tensor:
        """The pipeline's per-token target ``(B, T', V, l C)`` as per-entry
        values ``(B, T V, C)`` (``shape = (B, T, V, C)``): the inverse of
        ``patchify``, ``patch[b, t', v, u C + c] = S[b, t' l + u, v, c]``.
        """
        B, T, V, C = shape
        tgt = self.gather_field(data_samples, self.target_key, device)
        if (tgt.dim() != 4 or tgt.shape[0] != B or tgt.shape[2] != V
                or tgt.shape[3] % C or tgt.shape[1] * tgt.shape[3] // C != T):
            raise ValueError(
                f'data-sample field {self.target_key!r} has shape '
                f'{tuple(tgt.shape)}; expected (N M, T\', V, l C) = '
                f'({B}, T / l, {V}, l x {C}) with T\' l = T = {T} (use '
                'GenerateReconstructionTarget with a segment_len that '
                'divides the clip length)')
        seg = tgt.shape[3] // C
        tgt = tgt.reshape(B, T // seg, V, seg, C).permute(0, 1, 3, 2, 4)
        return tgt.reshape(B, T * V, C).to(torch.float32)

    def loss(self, inputs: Inputs,
             data_samples: Sequence[SkeletonDataSample]) -> dict:
        x = self.split_views(inputs)[0]
        N, M, T, V, C = x.shape
        mask = self.gather_field(data_samples, 'mask', x.device)
        if mask.shape != (N * M, T * V):
            raise ValueError(f'mask {tuple(mask.shape)} must be (N M, T V) '
                             f'= {(N * M, T * V)}')
        masked = mask.bool().sum(1)
        check_token_split(int((T * V - masked).min()), int(masked.min()),
                          type(self).__name__)
        rec = self.reconstruct(x, mask.reshape(N, M, T, V).bool())
        if self.target_key is None:
            target = x.reshape(N * M, T * V, C)
        else:
            target = self.entry_target(data_samples, (N * M, T, V, C),
                                       x.device)
        losses = self.head.loss(
            rec.reshape(N * M, T * V, C), target,
            mask if self.loss_on == 'masked' else None)
        with torch.no_grad():
            losses['feat_std'] = embedding_std(self.extract_feat(x))
        return losses
