"""S-JEPA (Abdelfattah & Alahi, ECCV'24)."""
from typing import Iterator, Sequence, Tuple

import torch
from torch import nn

from skelbench.models.utils.ema import CosineMomentumEMA
from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample

from .base import BaseSkeletonSSL, Inputs, check_token_split, embedding_std


def gather_tokens(tokens: torch.Tensor, ids: torch.Tensor) -> torch.Tensor:
    """``tokens (B, L, D)``, ``ids (B, n)`` -> ``(B, n, D)``."""
    return torch.gather(tokens, 1,
                        ids.unsqueeze(-1).expand(-1, -1, tokens.shape[-1]))


@MODELS.register_module()
class SJEPA(BaseSkeletonSSL):
    """Skeleton Joint Embedding Predictive Architecture.

    With ``y`` the 3-D sequence, ``y_v`` its geometric view and
    ``idx_t`` (``ids_masked``) MAMP's motion-aware masked tokens (computed
    on ``y``)::

        F_t = f_theta_bar(y)                    # target encoder, all N
        R_t = F_t[idx_t]                        # (N_t, C_e), stop-grad
        F_v = [f_theta(E_v[ids_keep]), mask tokens at idx_t]
        R_p = g_phi(F_v)[idx_t]                 # predictor (5 layers)
        c <- beta c + (1 - beta) mean(R_t);  R_t <- R_t - c      (eq. 3)
        L = -sum p2 log p1,  p1 = softmax(R_p / tau_p),
                             p2 = softmax(R_t / tau_t)
        theta_bar <- lambda theta_bar + (1 - lambda) theta  (every step,
                     lambda cosine 0.9999 -> 1)

    The view encoder ``f_theta`` is :attr:`backbone`; the predictor
    ``g_phi`` is the neck (:class:`MaskTokenDecoder`: ``Linear(C_e, C_p)``,
    mask token, position embeddings, ``L_p`` blocks, LN,
    ``Linear(C_p, C_e)``); centring and loss are the head
    (:class:`JEPAHead`). Downstream uses the target encoder
    (:attr:`downstream_backbone`, ``target_backbone.module``).

    Inputs: a list ``[y, y_v]`` of two views from ``MultiView`` (view 0
    the untransformed sequence, view 1 rotated about the body axis,
    translated, flipped), the masks computed on ``y`` *before*
    ``MultiView`` (MAMP-exact masking). A single tensor uses ``y_v = y``
    (the paper's no-geometric-transformation ablation).

    Ablations: ``target_input='masked'`` feeds the target encoder only
    the tokens ``idx_t`` (masking its input, Table 6);
    ``head.loss=LatentMSELoss`` (Table 5 MSE); ``head.centering=False``.

    Required data-sample fields: ``ids_keep``, ``ids_masked``,
    ``ids_restore``.

    Args:
        backbone (dict): View encoder config (:class:`SkeletonTransformer`).
        neck (dict): Predictor config (``out_channels = C_e``).
        head (dict): :class:`JEPAHead` config.
        base_momentum, end_momentum (float): EMA ``lambda`` schedule.
        target_input (str): ``'full'`` (paper) or ``'masked'``.
        downstream (str): ``'target'`` (paper) or ``'view'`` encoder for
            :meth:`extract_feat`.
    """

    def __init__(self, backbone: dict, neck: dict, head: dict,
                 base_momentum: float = 0.9999, end_momentum: float = 1.0,
                 target_input: str = 'full', downstream: str = 'target',
                 **kwargs):
        super().__init__(backbone=backbone, neck=neck, head=head, **kwargs)
        if target_input not in ('full', 'masked'):
            raise ValueError("target_input must be 'full' or 'masked', got "
                             f'{target_input!r}')
        if downstream not in ('target', 'view'):
            raise ValueError("downstream must be 'target' or 'view', got "
                             f'{downstream!r}')
        self.check_pretext_weights(dict(head=self.head))
        self.target_input = target_input
        self.downstream = downstream
        self.target_backbone = CosineMomentumEMA(
            self.backbone, base_momentum=base_momentum,
            end_momentum=end_momentum)

    @property
    def downstream_backbone(self) -> nn.Module:
        if self.downstream == 'target':
            return self.target_backbone.module
        return self.backbone

    def momentum_pairs(self) -> Iterator[Tuple[nn.Module, nn.Module]]:
        return iter([(self.target_backbone, self.backbone)])

    def loss(self, inputs: Inputs,
             data_samples: Sequence[SkeletonDataSample]) -> dict:
        views = self.split_views(inputs)
        y = views[0]
        y_v = views[1] if len(views) > 1 else views[0]
        N = y.shape[0]
        dev = y.device
        ids_keep = self.gather_field(data_samples, 'ids_keep', dev)
        ids_masked = self.gather_field(data_samples, 'ids_masked', dev)
        ids_restore = self.gather_field(data_samples, 'ids_restore', dev)
        check_token_split(ids_keep.shape[1], ids_masked.shape[1],
                          type(self).__name__)
        with torch.no_grad():
            target_enc = self.target_backbone.module
            if self.target_input == 'full':
                f_t = target_enc(y)  # N, M, T', V, D
                f_t = f_t.reshape(ids_keep.shape[0], -1, f_t.shape[-1])
                r_t = gather_tokens(f_t, ids_masked)
            else:
                f_t = r_t = target_enc(y, ids_masked)
        f_v = self.backbone(y_v, ids_keep)
        r_p = gather_tokens(self.neck(f_v, ids_restore), ids_masked)
        losses = self.head.loss(r_p, r_t)
        losses['feat_std'] = embedding_std(self.pool_tokens(f_t, N))
        losses['view_feat_std'] = embedding_std(self.pool_tokens(f_v, N))
        losses['ema_momentum'] = torch.tensor(
            self.target_backbone.momentum, device=dev)
        return losses
