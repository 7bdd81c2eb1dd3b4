"""Bidirectional GRU sequence encoder of Skeleton-Contrast (ISC; Thoker,
Doughty & Snoek, ACM MM'21, ``moco/GRU.py``)."""
from typing import Optional

import torch
from torch import nn

from skelbench.layouts import get_layout
from skelbench.registry import MODELS

from .base_backbone import BaseBackbone


@MODELS.register_module()
class BiGRU(BaseBackbone):
    """3-layer bidirectional GRU over per-frame skeleton vectors (ISC).

    Each frame becomes one vector ordered ``(joint, coord, actor)`` (ISC's
    ``x.transpose(1, 2, 0, 3).reshape(T, V*C*M)``); missing actors
    (``M < num_persons``) are zero slots, as in ISC's data. The whole
    sequence goes through ``nn.GRU`` in one call (cuDNN / oneDNN kernel)
    and the feature is the output at the last time step (``2 H``).

    ``causal_backward=True`` reproduces ISC's code, which feeds the GRU
    one frame at a time carrying the hidden state, so that its "backward"
    direction also runs forward in time (both directions causal). It is
    computed per layer and direction (``3 x 2`` calls over the whole
    sequence), not per frame. Use it to evaluate ISC checkpoints; the
    default is the standard bidirectional GRU.

    Shapes:
        ``x (N, M, T, V, C)`` -> ``(N, 1, 1, 1, 2 * hidden_size)``
        (one vector per sample; actors are inside the frame vector).

    Args:
        in_channels (int): Coordinates ``C`` (3).
        layout (str | dict | SkeletonLayout): Gives ``V``.
        num_persons (int): Actor slots in the frame vector (2).
        hidden_size (int): Hidden units per direction (1024).
        num_layers (int): GRU layers (3).
        causal_backward (bool): ISC's step-by-step behaviour (see above).
        frozen_stages (int): ``-1`` none; ``k >= 0`` freezes the first
            ``k`` GRU layers (both directions).
        norm_eval (bool): Unused (no norm layers).

    Parameters (NTU, 150-d input, H=1024, 3 layers): 44,998,656, as ISC's
    ``nn.GRU(150, 1024, 3, bidirectional=True)``.
    """

    def __init__(self,
                 in_channels: int = 3,
                 layout='nturgb+d',
                 num_persons: int = 2,
                 hidden_size: int = 1024,
                 num_layers: int = 3,
                 causal_backward: bool = False,
                 frozen_stages: int = -1,
                 norm_eval: bool = False,
                 init_cfg: Optional[dict] = None):
        super().__init__(frozen_stages=frozen_stages, norm_eval=norm_eval,
                         init_cfg=init_cfg)
        if not -1 <= frozen_stages <= num_layers:
            raise ValueError(f'frozen_stages must be in [-1, {num_layers}],'
                             f' got {frozen_stages}')
        self.layout = get_layout(layout)
        self.in_channels = in_channels
        self.num_persons = num_persons
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.causal_backward = causal_backward
        self.out_channels = 2 * hidden_size
        input_size = self.layout.num_joints * in_channels * num_persons
        self.gru = nn.GRU(input_size, hidden_size, num_layers=num_layers,
                          bidirectional=True, batch_first=True)
        self.init_backbone_weights()
        self._freeze_stages()

    def init_backbone_weights(self) -> None:
        """ISC: xavier-uniform on every 2-D weight (biases: PyTorch)."""
        for p in self.gru.parameters():
            if p.dim() == 2:
                nn.init.xavier_uniform_(p)

    def _layer_params(self, layer: int):
        return [p for n, p in self.gru.named_parameters()
                if n.split('_l')[-1].split('_')[0] == str(layer)]

    def _freeze_stages(self) -> None:
        for k in range(max(self.frozen_stages, 0)):
            for p in self._layer_params(k):
                p.requires_grad = False

    def frame_vectors(self, x: torch.Tensor) -> torch.Tensor:
        """``(N, M, T, V, C)`` -> ``(N, T, V*C*num_persons)`` ordered
        ``(joint, coord, actor)``."""
        self.check_input(x, self.layout.num_joints, self.in_channels,
                         max_persons=self.num_persons)
        N, M, T, V, C = x.shape
        if M < self.num_persons:
            x = torch.cat([x, x.new_zeros(N, self.num_persons - M, T, V, C)],
                          dim=1)
        return x.permute(0, 2, 3, 4, 1).reshape(N, T, -1)

    def _causal_forward(self, seq: torch.Tensor) -> torch.Tensor:
        """Both directions forward in time (ISC's step-by-step GRU)."""
        w = self.gru._flat_weights
        n = 4 if self.gru.bias else 2
        h = seq
        for layer in range(self.num_layers):
            outs = []
            for d in range(2):
                i = (2 * layer + d) * n
                h0 = seq.new_zeros(1, seq.shape[0], self.hidden_size)
                out, _ = torch._VF.gru(
                    h, h0, w[i:i + n], self.gru.bias, 1, 0., self.training,
                    False, True)
                outs.append(out)
            h = torch.cat(outs, dim=-1)
        return h

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``(N, M, T, V, C)`` -> ``(N, 1, 1, 1, 2H)``."""
        seq = self.frame_vectors(x)
        if self.causal_backward:
            out = self._causal_forward(seq)
        else:
            out, _ = self.gru(seq)
        return out[:, -1].reshape(x.shape[0], 1, 1, 1, -1)
