"""S-JEPA pretext head: batch centring of the targets + latent loss."""
import torch
from mmengine.dist import all_reduce, get_world_size
from mmengine.model import BaseModule

from skelbench.registry import MODELS

from ..utils.precision import float32_ops


@torch.no_grad()
def sequence_codes(target: torch.Tensor):
    """Arg-max channel of every token of ``target (B, N_t, C)`` and each
    sequence's most frequent one: ``(B, N_t)``, ``(B,)``."""
    codes = target.argmax(-1)
    return codes, torch.mode(codes, dim=1).values


@torch.no_grad()
def code_share(target: torch.Tensor) -> torch.Tensor:
    """Mean over sequences of the fraction of target tokens ``(B, N_t, C)``
    whose arg-max channel is the sequence's most frequent one."""
    codes, mode = sequence_codes(target)
    return (codes == mode[:, None]).float().mean()


@MODELS.register_module()
class JEPAHead(BaseModule):
    """Centring and latent prediction loss of S-JEPA (ECCV'24, eq. 3).

    With ``R_t (B, N_t, C_e)`` the target representations of a batch::

        c <- beta c + (1 - beta) mean_{i, tokens} R_t^i      (eq. 3)
        R_t <- R_t - c
        L = CE(softmax(R_p / tau_p), sg softmax(R_t / tau_t))

    ``c (1, C_e)`` is a buffer (in checkpoints); the batch mean is taken
    over all target tokens of all samples and, under DDP, of all ranks
    (all-reduce), so every rank holds the same centre. As written in the
    paper, the centre is updated with the current batch *before* it is
    subtracted (DINO subtracts the previous centre; ``update_first=False``).
    ``centering=False`` is the paper's no-centring ablation (Table 5).
    The loss is :class:`LatentCrossEntropyLoss` (or
    :class:`LatentMSELoss`, the MSE ablation).

    ``sequence_centering=True`` (not in the paper) first subtracts from every
    sequence its own mean target, ``R_t^i <- R_t^i - mean_k R_t^i[k]``
    (over its ``N_t`` target tokens), so that the loss asks for what tells
    the masked tokens of a sequence apart rather than for one code per
    sequence. With the paper's targets, most of a token's feature is its
    sequence's mean (86% of the variance for a transformer, trained or
    not), the sharpened softmax (``tau_t = 0.06``) turns that mean into
    one near one-hot code for most tokens of a sequence, and the loss
    becomes a clustering of sequences into a few codes (the S-JEPA README:
    on NW-UCLA 78% of a sequence's tokens share its most frequent code,
    pooled features span ~20 of 128 directions).

    Logged with the loss: ``target_code_share``, the mean fraction of a
    sequence's target tokens whose arg-max channel (after the centring)
    is the sequence's most frequent one: near 1 = one code per sequence.

    Args:
        embed_dims (int): ``C_e``.
        centering (bool): Centre the targets.
        center_momentum (float): ``beta`` (0.9).
        update_first (bool): Update ``c`` before centring (paper order).
        sequence_centering (bool): Subtract each sequence's mean target
            first (see above; default False = the paper).
        loss (dict): Loss config ``(pred, target) -> scalar``.
    """

    def __init__(self, embed_dims: int, centering: bool = True,
                 center_momentum: float = 0.9, update_first: bool = True,
                 sequence_centering: bool = False,
                 loss: dict = dict(type='LatentCrossEntropyLoss',
                                   tau_p=0.1, tau_t=0.06),
                 init_cfg=None):
        super().__init__(init_cfg=init_cfg)
        if not 0 <= center_momentum <= 1:
            raise ValueError('center_momentum must be in [0, 1], got '
                             f'{center_momentum}')
        self.embed_dims = int(embed_dims)
        self.centering = bool(centering)
        self.center_momentum = float(center_momentum)
        self.update_first = bool(update_first)
        self.sequence_centering = bool(sequence_centering)
        self.loss_module = MODELS.build(loss)
        self.register_buffer('center', torch.zeros(1, embed_dims))

    @torch.no_grad()
    def update_center(self, target: torch.Tensor) -> None:
        """``c <- beta c + (1 - beta) mean(R_t)`` over all ranks."""
        flat = target.detach().float().reshape(-1, self.embed_dims)
        stats = torch.cat([flat.sum(0), flat.new_tensor([len(flat)])])
        if get_world_size() > 1:
            all_reduce(stats, op='sum')
        batch_center = (stats[:-1] / stats[-1].clamp(min=1))[None]
        self.center.mul_(self.center_momentum).add_(
            batch_center.to(self.center.dtype),
            alpha=1 - self.center_momentum)

    @float32_ops
    def loss(self, pred: torch.Tensor, target: torch.Tensor) -> dict:
        """``pred`` ``R_p`` and ``target`` ``R_t`` ``(B, N_t, C_e)``."""
        if pred.shape != target.shape or pred.shape[-1] != self.embed_dims:
            raise ValueError(f'pred {tuple(pred.shape)} / target '
                             f'{tuple(target.shape)} must match and have '
                             f'{self.embed_dims} channels')
        target = target.detach().float()
        if self.sequence_centering:
            target = target - target.mean(dim=1, keepdim=True)
        if self.centering:
            if self.update_first and self.training:
                self.update_center(target)
            centred = target - self.center
            if not self.update_first and self.training:
                self.update_center(target)
        else:
            centred = target
        return dict(loss_jepa=self.loss_module(pred, centred),
                    target_code_share=code_share(centred))
