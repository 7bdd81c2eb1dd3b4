"""How S-JEPA's softmax targets use their channels ("codes")."""
import math
from typing import Optional

import torch

from skelbench.models.heads.jepa_head import sequence_codes


@torch.no_grad()
def target_code_statistics(tokens: torch.Tensor,
                           center: Optional[torch.Tensor] = None,
                           tau_t: Optional[float] = None,
                           sequence_centering: bool = False) -> dict:
    """Statistics of the targets ``softmax((R - c) / tau_t)`` of tokens.

    Args:
        tokens (torch.Tensor): ``(S, L, C)`` target-encoder outputs of ``S``
            sequences (actors) of ``L`` tokens.
        center (torch.Tensor, optional): ``(1, C)`` batch centre ``c``
            (``JEPAHead.center``); none = 0.
        tau_t (float, optional): Target temperature; without it the
            entropy and the largest probability are not computed.
        sequence_centering (bool): Subtract each sequence's mean token first
            (``JEPAHead(sequence_centering=True)``).

    Returns:
        dict: ``code_share`` (mean fraction of a sequence's tokens whose
        arg-max channel is the sequence's most frequent one; 1 = one code
        per sequence), ``sequence_codes`` (distinct most frequent codes
        over the sequences), ``token_codes`` (distinct arg-max channels
        over all tokens), ``channels`` and, with ``tau_t``, ``entropy``
        (mean target entropy, nats), ``uniform_entropy`` (log C) and
        ``max_prob`` (mean largest target probability).
    """
    if tokens.ndim != 3 or tokens.shape[1] == 0 or tokens.shape[0] == 0:
        raise ValueError('tokens must be (S, L, C) with S, L > 0, got '
                         f'{tuple(tokens.shape)}')
    x = tokens.detach().float()
    if not torch.isfinite(x).all():
        raise ValueError('tokens contain NaN or inf')
    if sequence_centering:
        x = x - x.mean(1, keepdim=True)
    if center is not None:
        x = x - center.detach().float().reshape(1, 1, -1)
    codes, mode = sequence_codes(x)
    out = dict(
        code_share=float((codes == mode[:, None]).float().mean()),
        sequence_codes=int(mode.unique().numel()),
        token_codes=int(codes.unique().numel()),
        channels=int(x.shape[-1]))
    if tau_t is not None:
        if tau_t <= 0:
            raise ValueError(f'tau_t must be > 0, got {tau_t}')
        logp = torch.log_softmax(x / tau_t, -1)
        p = logp.exp()
        out.update(entropy=float(-(p * logp).sum(-1).mean()),
                   uniform_entropy=math.log(x.shape[-1]),
                   max_prob=float(p.max(-1).values.mean()))
    return out
