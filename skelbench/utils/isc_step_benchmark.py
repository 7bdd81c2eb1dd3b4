"""Time an ISC training step against the public code's step.

The public Skeleton-Contrast code (``moco/GRU.py``) runs its BiGRU one
frame at a time in a Python loop, carrying the hidden state; skelbench's
:class:`~skelbench.models.backbones.BiGRU` runs ``nn.GRU`` once over the
whole sequence. :func:`compare_isc_steps` builds both steps with the same
shapes (BiGRU + AGCN, query and momentum key encoders, MLP projections,
cross-representation InfoNCE with queues, SGD step, momentum update) and
times them alternately in one process.
"""
import copy
import time
from typing import Dict, List

import torch
import torch.nn.functional as F
from torch import nn

from skelbench.registry import MODELS

__all__ = ['FrameLoopBiGRU', 'OfficialISCStep', 'compare_isc_steps']


class FrameLoopBiGRU(nn.Module):
    """The public code's sequence encoder: ``nn.GRU(V*C*M, H, L,
    bidirectional=True, batch_first=True)`` fed one frame per call with
    the hidden state carried over; the feature is the last call's output
    ``(N, 2H)``, followed by the ``2H-2H-128`` projection.

    Shapes: ``x (N, M, T, V, C)`` -> ``(N, out_channels)``.
    """

    def __init__(self, input_size: int, hidden_size: int, num_layers: int,
                 out_channels: int = 128):
        super().__init__()
        self.gru = nn.GRU(input_size, hidden_size, num_layers=num_layers,
                          bidirectional=True, batch_first=True)
        d = 2 * hidden_size
        self.fc = nn.Sequential(nn.Linear(d, d), nn.ReLU(),
                                nn.Linear(d, out_channels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        N, M, T, V, C = x.shape
        seq = x.permute(0, 2, 3, 4, 1).reshape(N, T, V * C * M)
        hidden, out = None, None
        for t in range(T):
            out, hidden = self.gru(seq[:, t:t + 1], hidden)
        return self.fc(out[:, -1])


class _GraphEncoder(nn.Module):
    """AGCN + mean over (T', V, M) + ``256-256-128`` projection."""

    def __init__(self, backbone: dict, out_channels: int = 128):
        super().__init__()
        self.backbone = MODELS.build(backbone)
        d = 256 * backbone.get('base_channels', 64) // 64
        self.fc = nn.Sequential(nn.Linear(d, d), nn.ReLU(),
                                nn.Linear(d, out_channels))

    def forward(self, x):
        return self.fc(self.backbone(x).mean(dim=(1, 2, 3)))


class OfficialISCStep:
    """One training step in the public code's order: momentum update of
    the key encoders, keys, queries, the two cross InfoNCE terms, queue
    update, SGD step."""

    def __init__(self, input_size: int, hidden_size: int, num_layers: int,
                 graph_backbone: dict, queue_len: int, m: float = 0.999,
                 tau: float = 0.07):
        self.enc_q = FrameLoopBiGRU(input_size, hidden_size, num_layers)
        self.enc_r = _GraphEncoder(graph_backbone)
        self.enc_k = copy.deepcopy(self.enc_q).requires_grad_(False)
        self.enc_l = copy.deepcopy(self.enc_r).requires_grad_(False)
        self.queue_s1 = F.normalize(torch.randn(128, queue_len), dim=0)
        self.queue_s2 = F.normalize(torch.randn(128, queue_len), dim=0)
        self.ptr = 0
        self.m, self.tau = m, tau
        params = list(self.enc_q.parameters()) + list(
            self.enc_r.parameters())
        self.optimizer = torch.optim.SGD(params, lr=0.01, momentum=0.9,
                                         weight_decay=1e-4)

    @torch.no_grad()
    def _momentum_update(self):
        for q_enc, k_enc in ((self.enc_q, self.enc_k),
                             (self.enc_r, self.enc_l)):
            for p_q, p_k in zip(q_enc.parameters(), k_enc.parameters()):
                p_k.data = p_k.data * self.m + p_q.data * (1. - self.m)

    def _logits(self, q, k, queue):
        pos = (q * k).sum(1, keepdim=True)
        return torch.cat([pos, q @ queue.clone().detach()], 1) / self.tau

    def __call__(self, x_q: torch.Tensor, x_k: torch.Tensor) -> float:
        for enc in (self.enc_q, self.enc_r, self.enc_k, self.enc_l):
            enc.train()
        q = F.normalize(self.enc_q(x_q), dim=1)
        r = F.normalize(self.enc_r(x_q), dim=1)
        with torch.no_grad():
            self._momentum_update()
            k = F.normalize(self.enc_k(x_k), dim=1)
            l_ = F.normalize(self.enc_l(x_k), dim=1)
        labels = torch.zeros(len(q), dtype=torch.long)
        loss = F.cross_entropy(self._logits(q, l_, self.queue_s2), labels) \
            + F.cross_entropy(self._logits(r, k, self.queue_s1), labels)
        B = len(k)
        self.queue_s1[:, self.ptr:self.ptr + B] = k.t()
        self.queue_s2[:, self.ptr:self.ptr + B] = l_.t()
        self.ptr = (self.ptr + B) % self.queue_s1.shape[1]
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return float(loss.detach())


class SkelbenchISCStep:
    """One training step of :class:`~skelbench.models.algorithms.ISC`
    (loss, backward, SGD step, momentum update)."""

    def __init__(self, model_cfg: dict):
        # the momentum copies are made from the built modules: in sync
        self.model = MODELS.build(model_cfg)
        self.model.train()
        self.optimizer = torch.optim.SGD(
            [p for p in self.model.parameters() if p.requires_grad],
            lr=0.01, momentum=0.9, weight_decay=1e-4)

    def __call__(self, x_q: torch.Tensor, x_k: torch.Tensor) -> float:
        losses = self.model([x_q, x_k], None, mode='loss')
        loss = sum(v for k, v in losses.items() if k.startswith('loss'))
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        self.model.momentum_update()
        return float(loss.detach())


def compare_isc_steps(batch_size: int = 64, frames: int = 64,
                      hidden_size: int = 1024, num_layers: int = 3,
                      agcn_channels: int = 64, queue_len: int = 16384,
                      iters: int = 3, warmup: int = 1,
                      seed: int = 0) -> Dict[str, List[float]]:
    """Seconds per step of both implementations, measured alternately.

    Args:
        batch_size, frames: The batch ``(B, 2, T, 25, 3)`` of each view
            (the paper: 64, 64).
        hidden_size, num_layers: BiGRU size (1024, 3).
        agcn_channels: AGCN base width (64).
        queue_len: Negatives per representation (16,384).
        iters: Timed steps of each implementation.
        warmup: Untimed steps of each before timing.

    Returns:
        dict: ``{'skelbench': [s, ...], 'official': [s, ...]}``.
    """
    if batch_size > queue_len:
        raise ValueError(f'batch_size={batch_size} exceeds queue_len='
                         f'{queue_len}')
    torch.manual_seed(seed)
    graph = dict(type='AGCN', base_channels=agcn_channels)
    d_seq, d_graph = 2 * hidden_size, 256 * agcn_channels // 64
    ours = SkelbenchISCStep(dict(
        type='ISC',
        backbone=dict(type='BiGRU', hidden_size=hidden_size,
                      num_layers=num_layers),
        neck=dict(type='NonLinearNeck', in_channels=d_seq, hid_channels=d_seq,
                  out_channels=128, with_bn=False),
        cross_representation=dict(
            name='graph', backbone=graph,
            neck=dict(type='NonLinearNeck', in_channels=d_graph,
                      hid_channels=d_graph, out_channels=128,
                      with_bn=False)),
        queue_len=queue_len))
    official = OfficialISCStep(25 * 3 * 2, hidden_size, num_layers, graph,
                               queue_len)
    steps = dict(skelbench=ours, official=official)
    times = {k: [] for k in steps}
    for i in range(warmup + iters):
        for name, step in steps.items():
            x = [torch.randn(batch_size, 2, frames, 25, 3) for _ in range(2)]
            t0 = time.perf_counter()
            step(*x)
            if i >= warmup:
                times[name].append(time.perf_counter() - t0)
    return times
