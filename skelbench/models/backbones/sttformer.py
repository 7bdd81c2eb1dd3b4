"""STTFormer (Qiu et al., arXiv 2201.02849), the encoder and decoder of
SkeletonMAE (Wu et al., ICMEW'23)."""
import math
from typing import Optional, Sequence

import torch
from torch import nn

from skelbench.layouts import get_layout
from skelbench.registry import MODELS

from .base_backbone import BaseBackbone

STTFORMER_CONFIG = ((64, 64, 16), (64, 64, 16), (64, 128, 32),
                    (128, 128, 32), (128, 256, 64), (256, 256, 64),
                    (256, 256, 64), (256, 256, 64))


def joint_sinusoid(channels: int, num_joints: int) -> torch.Tensor:
    """``(1, C, 1, V')`` sinusoidal encoding of the tuple-joint index
    (STTFormer ``Pos_Embed``: the position is the joint index only, so
    it is the same for every tuple and broadcasts over ``T'``)."""
    pos = torch.arange(num_joints, dtype=torch.float32).unsqueeze(1)
    div = torch.exp(torch.arange(0, channels, 2).float() *
                    -(math.log(10000.0) / channels))
    pe = torch.zeros(num_joints, channels)
    pe[:, 0::2] = torch.sin(pos * div)
    pe[:, 1::2] = torch.cos(pos * div)[:, :channels // 2]
    return pe.t().reshape(1, channels, 1, num_joints)


def _conv_bn(cin, cout, kernel=1, padding=0):
    return nn.Sequential(nn.Conv2d(cin, cout, kernel, padding=padding),
                         nn.BatchNorm2d(cout))


class STABlock(nn.Module):
    """STTFormer ``STA_Block``: spatio-temporal tuple attention followed
    by inter-frame feature aggregation.

    ``A_h = tanh(q_h^T k_h / (d T')) alpha_h + A0_h`` over the ``V'`` tuple
    joints (``q, k``: 1x1 conv of ``x + PE``, summed over the ``T'``
    tuples and ``d = qkv_dim`` channels; ``A0``: learned ``(H, V', V')``
    bias, init ``1/V'``); ``x_h = x A_h`` (values are ``x`` itself);
    ``s = LReLU(BN(Conv(1 x 5)[x_1..x_H]) + res(x))``,
    ``s = LReLU(BN(Conv1x1 s) + res(x))``,
    ``out = LReLU(BN(Conv(3 x 1) s) + res_t(s))``.

    Shapes: ``(B, C_in, T', V') -> (B, C_out, T', V')``.
    """

    def __init__(self, in_channels: int, out_channels: int, qkv_dim: int,
                 num_joints: int, num_heads: int = 3,
                 kernel_size: Sequence[int] = (3, 5), use_pes: bool = True,
                 att_drop: float = 0.):
        super().__init__()
        self.qkv_dim = qkv_dim
        self.num_heads = num_heads
        kt, ks = kernel_size
        if use_pes:
            self.register_buffer('pes', joint_sinusoid(in_channels,
                                                       num_joints),
                                 persistent=False)
        else:
            self.pes = None
        self.to_qkvs = nn.Conv2d(in_channels, 2 * num_heads * qkv_dim, 1)
        self.alphas = nn.Parameter(torch.ones(1, num_heads, 1, 1))
        self.attention0s = nn.Parameter(
            torch.ones(1, num_heads, num_joints, num_joints) / num_joints)
        self.out_nets = _conv_bn(in_channels * num_heads, out_channels,
                                 (1, ks), (0, (ks - 1) // 2))
        self.ff_net = _conv_bn(out_channels, out_channels)
        self.out_nett = _conv_bn(out_channels, out_channels, (kt, 1),
                                 ((kt - 1) // 2, 0))
        if in_channels != out_channels:
            self.ress = _conv_bn(in_channels, out_channels)
            self.rest = _conv_bn(out_channels, out_channels)
        else:
            self.ress = self.rest = nn.Identity()
        self.act = nn.LeakyReLU(0.1)
        self.drop = nn.Dropout(att_drop)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, C, T, V = x.shape
        H, d = self.num_heads, self.qkv_dim
        xs = x + self.pes.to(x.dtype) if self.pes is not None else x
        q, k = self.to_qkvs(xs).reshape(B, 2, H, d * T, V).unbind(1)
        att = torch.tanh(q.transpose(-1, -2) @ k / (d * T)) * self.alphas
        att = self.drop(att + self.attention0s)  # (B, H, V, V)
        xs = (x.reshape(B, 1, C * T, V) @ att.to(x.dtype))
        xs = xs.reshape(B, H * C, T, V)
        res = self.ress(x)
        xs = self.act(self.out_nets(xs) + res)
        xs = self.act(self.ff_net(xs) + res)
        return self.act(self.out_nett(xs) + self.rest(xs))


@MODELS.register_module()
class STTFormer(BaseBackbone):
    """Spatio-temporal tuples transformer (Qiu et al., 2022; official
    ``heleiqiu/STTFormer``), SkeletonMAE's encoder and decoder.

    The ``T`` frames are cut into tuples of ``len_parts = 6``: the input
    ``(N M, C, T, V)`` is viewed as ``(N M, C, T/6, 6 V)`` (tuple joint
    ``u V + v`` = frame ``u`` of the tuple, joint ``v``). A 1x1 conv +
    BN + LeakyReLU(0.1) maps ``C`` to the first width, then one
    :class:`STABlock` per ``config`` row ``(in, out, qkv_dim)``
    (default: the original 8 blocks ``64-64-128-128-256-256-256-256``,
    3 heads, ``att0`` biases over the ``6 V`` tuple joints).

    Masked inputs (SkeletonMAE): the attention biases are tied to the
    ``6 V`` tuple-joint positions, so tokens are not dropped; with
    ``mask_token=True`` a learnable ``(1, C_0, 1, 1)`` token replaces the
    embedded input at every masked (frame, joint) position.

    Decoder stack: ``embed_dims`` and ``depth`` build ``depth`` blocks of
    width ``embed_dims`` (``qkv_dim = embed_dims / 4``, the original ratio)
    instead of ``config``; SkeletonMAE's decoder is
    ``STTFormer(in_channels=256, embed_dims=256, depth=9)`` applied with
    :meth:`forward_tuples` to the encoder's tuple features.

    Shapes:
        - ``forward(x, mask=None)``: ``x (N, M, T, V, C)``, ``mask (N, M, T,
          V)`` bool (True = masked) -> ``(N, M, T/6, 6 V, C_out)``; mean over
          dims 2, 3 then 1 is the original pooling.
        - ``forward_tuples(x)``: ``(B, C_in, T', V') -> (B, C_out, T', V')``.

    Args:
        in_channels (int): Input channels ``C`` (3).
        layout (str | dict | SkeletonLayout): Gives ``V``.
        len_parts (int): Frames per tuple (6).
        num_heads (int): Heads (3).
        kernel_size (tuple): (temporal, tuple-joint) kernels (3, 5).
        use_pes (bool): Sinusoidal tuple-joint position encoding.
        config (sequence): ``(in, out, qkv_dim)`` per block.
        embed_dims, depth (int, optional): Uniform stack (decoder role).
        att_drop (float): Dropout on attention maps.
        mask_token (bool): Create the learnable mask token.
        frozen_stages (int): ``-1`` none; ``k >= 0`` freezes the input map
            (and mask token) and the first ``k`` blocks.
        norm_eval (bool): Keep BN layers in eval mode.

    Parameters (NTU, default config, classifier excluded): 6,218,168, as
    the original (``docs/backbones.md``).
    """

    def __init__(self,
                 in_channels: int = 3,
                 layout='nturgb+d',
                 len_parts: int = 6,
                 num_heads: int = 3,
                 kernel_size: Sequence[int] = (3, 5),
                 use_pes: bool = True,
                 config: Sequence[Sequence[int]] = STTFORMER_CONFIG,
                 embed_dims: Optional[int] = None,
                 depth: Optional[int] = None,
                 att_drop: float = 0.,
                 mask_token: bool = False,
                 frozen_stages: int = -1,
                 norm_eval: bool = False,
                 init_cfg: Optional[dict] = None):
        super().__init__(frozen_stages=frozen_stages, norm_eval=norm_eval,
                         init_cfg=init_cfg)
        if (embed_dims is None) != (depth is None):
            raise ValueError('give both embed_dims and depth, or neither')
        if embed_dims is not None:
            config = [(embed_dims, embed_dims, embed_dims // 4)] * depth
        config = [tuple(int(v) for v in row) for row in config]
        if not -1 <= frozen_stages <= len(config):
            raise ValueError(f'frozen_stages must be in [-1, {len(config)}]'
                             f', got {frozen_stages}')
        self.layout = get_layout(layout)
        self.in_channels = in_channels
        self.len_parts = len_parts
        self.config = config
        self.num_tuple_joints = len_parts * self.layout.num_joints
        self.out_channels = config[-1][1]
        c0 = config[0][0]
        self.input_map = nn.Sequential(
            nn.Conv2d(in_channels, c0, 1), nn.BatchNorm2d(c0),
            nn.LeakyReLU(0.1))
        self.mask_token = nn.Parameter(torch.zeros(1, c0, 1, 1)) \
            if mask_token else None
        self.blocks = nn.ModuleList([
            STABlock(cin, cout, qkv, self.num_tuple_joints, num_heads,
                     kernel_size, use_pes, att_drop)
            for cin, cout, qkv in config])
        self.init_backbone_weights()
        self._freeze_stages()

    def init_backbone_weights(self) -> None:
        """Original init: conv kaiming-normal (fan-out; biases PyTorch
        default), BN (1, 0); mask token N(0, 0.02)."""
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode='fan_out')
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        if self.mask_token is not None:
            nn.init.normal_(self.mask_token, std=.02)

    def frozen_modules(self):
        if self.frozen_stages < 0:
            return []
        return [self.input_map] + list(self.blocks[:self.frozen_stages])

    def _freeze_stages(self) -> None:
        super()._freeze_stages()
        if self.frozen_stages >= 0 and self.mask_token is not None:
            self.mask_token.requires_grad = False

    def to_tuples(self, x: torch.Tensor) -> torch.Tensor:
        """``(N, M, T, V, C)`` -> ``(N M, C, T/l, l V)``."""
        self.check_input(x, self.layout.num_joints, self.in_channels,
                         frames_multiple_of=('len_parts', self.len_parts))
        N, M, T, V, C = x.shape
        x = x.reshape(N * M, T, V, C).permute(0, 3, 1, 2)
        return x.reshape(N * M, C, T // self.len_parts,
                         self.len_parts * V).contiguous()

    def forward_tuples(self, x: torch.Tensor,
                       mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Input map, mask token and blocks on ``(B, C, T', V')``;
        ``mask (B, T', V')`` bool."""
        x = self.input_map(x)
        if mask is not None:
            if self.mask_token is None:
                raise ValueError('build STTFormer with mask_token=True to '
                                 'pass a mask')
            x = torch.where(mask.unsqueeze(1), self.mask_token.to(x.dtype),
                            x)
        for blk in self.blocks:
            x = blk(x)
        return x

    def forward(self, x: torch.Tensor,
                mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """``(N, M, T, V, C)`` [+ ``mask (N, M, T, V)``] ->
        ``(N, M, T/l, l V, C_out)``."""
        tup = self.to_tuples(x)  # checks the input
        N, M, T, V, _ = x.shape
        if mask is not None:
            mask = mask.reshape(N * M, T // self.len_parts,
                                self.len_parts * V)
        y = self.forward_tuples(tup, mask)
        _, D, Tp, Vp = y.shape
        return y.view(N, M, D, Tp, Vp).permute(0, 1, 3, 4, 2)
