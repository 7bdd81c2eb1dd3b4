"""Cross-representation InfoNCE of Skeleton-Contrast (ISC)."""
from typing import Dict, Mapping

import torch
from mmengine.model import BaseModule

from skelbench.registry import MODELS


@MODELS.register_module()
class CrossContrastiveHead(BaseModule):
    """InfoNCE of each representation's queries against the keys and the
    queue of a partner representation (Thoker et al., ACM MM'21).

    With ``pairs = {a: b}`` the loss of query representation ``a`` is
    eq. (7) / (8)::

        s+ = exp(Z^a_q . Z^b_k / tau)
        L(X^a) = -log s+ / (s+ + sum_{n in N^b} exp(Z^a_q . Z^b_n / tau))

    (``Z`` L2-normalised, the keys and the queue ``N^b`` without gradient),
    averaged over the batch. Inter-skeleton contrast is eq. (6),
    ``pairs = {'seq': 'graph', 'graph': 'seq'}`` and ``L = L(X^seq) +
    L(X^graph)``; intra-skeleton contrast (MoCo, eq. 5) is ``pairs =
    {'seq': 'seq'}``. Each term is returned as ``loss_<a>`` (the runner
    sums the ``loss*`` entries) with its positive-pair accuracy
    ``con_acc_<a>`` (share of queries whose positive has the largest
    logit, %).

    Args:
        loss (dict): :class:`InfoNCELoss` config (``temperature`` =
            ``tau``, 0.07).
    """

    def __init__(self, loss: dict = dict(type='InfoNCELoss',
                                         temperature=0.07), init_cfg=None):
        super().__init__(init_cfg=init_cfg)
        self.loss_module = MODELS.build(loss)

    def loss(self, queries: Mapping[str, torch.Tensor],
             keys: Mapping[str, torch.Tensor],
             negatives: Mapping[str, torch.Tensor],
             pairs: Mapping[str, str]) -> Dict[str, torch.Tensor]:
        """Losses of every query representation of ``pairs``.

        Args:
            queries (dict): Representation -> ``Z_q (B, D)``.
            keys (dict): Representation -> ``Z_k (B, D)``.
            negatives (dict): Representation -> queue ``(K, D)``.
            pairs (dict): Query representation -> key representation.

        Returns:
            dict: ``loss_<a>`` and ``con_acc_<a>`` per query
            representation ``a``.
        """
        out = {}
        for a, b in pairs.items():
            for field, table in (('queries', queries), ('keys', keys),
                                 ('negatives', negatives)):
                name = a if field == 'queries' else b
                if name not in table:
                    raise KeyError(f'CrossContrastiveHead: no {field} of '
                                   f'representation {name!r} (got '
                                   f'{sorted(table)})')
            q, k, n = queries[a], keys[b], negatives[b]
            out[f'loss_{a}'] = self.loss_module(q, k, n)
            with torch.no_grad():
                logits = self.loss_module.logits(q, k, n)
                out[f'con_acc_{a}'] = (logits.argmax(1) == 0).float().mean(
                ) * 100
        return out
