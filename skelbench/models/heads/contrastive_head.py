"""Contrastive (InfoNCE with a queue) pretext head."""
from typing import Optional

import torch
from mmengine.model import BaseModule
from torch import nn

from skelbench.registry import MODELS


@MODELS.register_module()
class ContrastiveHead(BaseModule):
    """InfoNCE of pooled online features against momentum features.

    Gong et al. (AAAI'24) eq. (9): the query is the global average of the
    online encoder's visible tokens ``OE_mask^GAP``, the positive key the
    momentum encoder's ``ME^GAP`` of the same sample, the negatives the
    queue. No projector by default (the paper has none); ``projector``
    (e.g. a ``Linear``) may be given for MoCo-style variants, applied to
    the query only.

    Args:
        loss (dict): :class:`InfoNCELoss` config (``temperature``,
            ``loss_weight`` = Gong's ``lambda``).
        projector (dict, optional): Module config applied to the query.
    """

    def __init__(self, loss: dict = dict(type='InfoNCELoss',
                                         temperature=0.07),
                 projector: Optional[dict] = None, init_cfg=None):
        super().__init__(init_cfg=init_cfg)
        self.loss_module = MODELS.build(loss)
        self.projector = MODELS.build(projector) if projector else \
            nn.Identity()

    def loss(self, query: torch.Tensor, key: torch.Tensor,
             negatives: torch.Tensor) -> dict:
        """``query, key (B, D)``, ``negatives (K, D)``."""
        q = self.projector(query)
        loss = self.loss_module(q, key, negatives)
        with torch.no_grad():
            logits = self.loss_module.logits(q, key, negatives)
            acc = (logits.argmax(1) == 0).float().mean() * 100
        return dict(loss_con=loss, con_acc=acc)
