"""FIFO queue of momentum features (MoCo negatives)."""
import torch
import torch.nn.functional as F
from mmengine.dist import all_gather, get_world_size
from torch import nn

from skelbench.registry import MODELS


@torch.no_grad()
def concat_all_gather(x: torch.Tensor) -> torch.Tensor:
    """Concatenate ``x (B, ...)`` of every rank along dim 0 (rank order);
    identity without a process group. Every rank must give the same ``B``
    (``drop_last=True`` in the train dataloader)."""
    if get_world_size() == 1:
        return x
    return torch.cat(all_gather(x.contiguous()), dim=0)


@MODELS.register_module()
class FeatureQueue(nn.Module):
    """Queue of ``K x D`` features with a write pointer (MoCo, He et al.
    2020; Gong et al. AAAI'24 use ``K = N_Q = 65536`` momentum features).

    ``queue (K, D)`` and ``ptr (1,)`` are registered buffers, so they are
    saved in checkpoints and a resumed run continues exactly. Under DDP
    :meth:`enqueue` first gathers the keys of all ranks (rank order), so
    every rank holds the same queue. The queue starts as L2-normalised
    Gaussian noise (MoCo).

    Writes wrap around: ``B`` keys go to rows ``(ptr + i) mod K`` and
    ``ptr <- (ptr + B) mod K``. A batch larger than the queue (``B > K``)
    is refused: the queue could not keep a whole batch of negatives.

    Args:
        num_feats (int): ``K``.
        feat_dim (int): ``D``.
        name (str): Name of ``K`` in errors (the algorithm's parameter,
            e.g. ``'queue_len'``).
    """

    def __init__(self, num_feats: int = 65536, feat_dim: int = 256,
                 name: str = 'num_feats'):
        super().__init__()
        if num_feats < 1 or feat_dim < 1:
            raise ValueError('num_feats and feat_dim must be >= 1, got '
                             f'{num_feats}, {feat_dim}')
        self.num_feats, self.feat_dim = int(num_feats), int(feat_dim)
        self.name = name
        self.register_buffer(
            'queue', F.normalize(torch.randn(num_feats, feat_dim), dim=1))
        self.register_buffer('ptr', torch.zeros(1, dtype=torch.long))

    @torch.no_grad()
    def enqueue(self, keys: torch.Tensor, gather: bool = True) -> None:
        """Write ``keys (B, D)`` (of all ranks when ``gather``)."""
        if keys.dim() != 2 or keys.shape[1] != self.feat_dim:
            raise ValueError(f'keys must be (B, {self.feat_dim}), got '
                             f'{tuple(keys.shape)}')
        keys = keys.detach()
        if gather:
            keys = concat_all_gather(keys)
        B = keys.shape[0]
        if B > self.num_feats:
            raise ValueError(
                f'{B} keys (batch size x ranks) for a queue of {self.name}='
                f'{self.num_feats}: the queue must hold at least one batch; '
                f'raise {self.name} or lower the batch size')
        keys = keys.to(self.queue.dtype)
        ptr = int(self.ptr)
        idx = (ptr + torch.arange(B, device=self.queue.device)
               ) % self.num_feats
        self.queue[idx] = keys
        self.ptr[0] = (ptr + B) % self.num_feats

    def forward(self) -> torch.Tensor:
        """The stored features ``(K, D)`` (a view)."""
        return self.queue
