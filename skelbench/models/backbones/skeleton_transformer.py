"""MAMP-style spatio-temporal transformer over joint-segment tokens."""
from typing import Optional

import torch
import torch.nn.functional as F
from mmengine.model.weight_init import trunc_normal_
from torch import nn

from skelbench.registry import MODELS
from skelbench.models.utils.transformer_layers import (
    TransformerBlock, init_transformer_weights)

from .base_backbone import BaseBackbone


def interpolate_temporal_embed(embed: torch.Tensor, length: int
                               ) -> torch.Tensor:
    """Linearly resize a ``(1, T', 1, D)`` temporal embedding to
    ``(1, length, 1, D)`` (MAMP ``interpolate_temp_embed``)."""
    if embed.shape[1] == length:
        return embed
    x = embed[:, :, 0].transpose(1, 2)  # 1, D, T'
    x = F.interpolate(x, size=length, mode='linear', align_corners=False)
    return x.transpose(1, 2).unsqueeze(2)


@MODELS.register_module()
class SkeletonTransformer(BaseBackbone):
    """Spatio-temporal transformer of MAMP (Mao et al., ICCV'23).

    A sequence ``(T, V, C)`` is cut into ``T' = T / l`` segments of ``l``
    frames; the ``l x C`` values of one joint in one segment are embedded
    together, ``e = W s + b`` (MAMP's ``Conv2d(C, D, (l, 1))``), giving
    ``N = T' V`` tokens. Separate learnable spatial ``(V, D)`` and temporal
    ``(T', D)`` position embeddings are added, then ``depth`` pre-norm
    blocks and a final LayerNorm. The temporal embedding is linearly
    interpolated for other ``T'`` (at run time and when loading weights).

    Shapes:
        - ``forward(x)``: ``x (N, M, T, V, C)`` -> ``(N, M, T', V, D)``.
        - ``forward(x, ids_keep)``: only the tokens ``ids_keep (N*M, K)``
          (indices into the ``T' V`` tokens, time-major) are encoded ->
          ``(N*M, K, D)``. This is the MAE/MAMP encoder on visible tokens.

    Args:
        in_channels (int): Coordinates per joint ``C``.
        num_joints (int): Joints ``V``.
        num_frames (int): Frames ``T`` the temporal embedding is made for.
        segment_len (int): Frames per token ``l`` (MAMP/S-JEPA: 4).
        embed_dims (int): Width ``D`` (256).
        depth (int): Blocks (8).
        num_heads (int): Heads (8).
        mlp_ratio (float): MLP width ratio (4).
        qkv_bias (bool): Bias in qkv.
        drop_rate, attn_drop_rate (float): Dropouts.
        drop_path_rate (float): Stochastic depth, linear over blocks.
        final_norm (bool): Apply the final LayerNorm.
        frozen_stages (int): ``-1`` none; ``k >= 0`` freezes the embedding
            and the first ``k`` blocks; ``k == depth`` also the final norm.
        norm_eval (bool): Keep norms in eval mode.
    """

    def __init__(self,
                 in_channels: int = 3,
                 num_joints: int = 25,
                 num_frames: int = 120,
                 segment_len: int = 4,
                 embed_dims: int = 256,
                 depth: int = 8,
                 num_heads: int = 8,
                 mlp_ratio: float = 4.,
                 qkv_bias: bool = True,
                 drop_rate: float = 0.,
                 attn_drop_rate: float = 0.,
                 drop_path_rate: float = 0.,
                 norm_eps: float = 1e-5,
                 final_norm: bool = True,
                 frozen_stages: int = -1,
                 norm_eval: bool = False,
                 init_cfg: Optional[dict] = None):
        super().__init__(frozen_stages=frozen_stages, norm_eval=norm_eval,
                         init_cfg=init_cfg)
        if num_frames % segment_len:
            raise ValueError(f'num_frames={num_frames} must be a multiple '
                             f'of segment_len={segment_len}')
        if not -1 <= frozen_stages <= depth:
            raise ValueError(f'frozen_stages must be in [-1, {depth}], got '
                             f'{frozen_stages}')
        self.in_channels = in_channels
        self.num_joints = num_joints
        self.num_frames = num_frames
        self.segment_len = segment_len
        self.embed_dims = embed_dims
        self.depth = depth
        self.token_embed = nn.Linear(segment_len * in_channels, embed_dims)
        self.spatial_pos_embed = nn.Parameter(
            torch.zeros(1, 1, num_joints, embed_dims))
        self.temporal_pos_embed = nn.Parameter(
            torch.zeros(1, num_frames // segment_len, 1, embed_dims))
        self.pos_drop = nn.Dropout(drop_rate)
        dpr = torch.linspace(0, drop_path_rate, depth).tolist()
        self.blocks = nn.ModuleList([
            TransformerBlock(embed_dims, num_heads, mlp_ratio, qkv_bias,
                             drop_rate, attn_drop_rate, dpr[i], norm_eps)
            for i in range(depth)
        ])
        self.norm = nn.LayerNorm(embed_dims, eps=norm_eps) if final_norm \
            else nn.Identity()
        self.init_backbone_weights()
        self._freeze_stages()

    # ------------------------------------------------------------------
    def init_backbone_weights(self) -> None:
        """MAMP init: xavier-uniform Linear (bias 0), LN (1, 0), position
        embeddings truncated normal (std 0.02)."""
        init_transformer_weights(self)
        trunc_normal_(self.spatial_pos_embed, std=.02)
        trunc_normal_(self.temporal_pos_embed, std=.02)

    def frozen_modules(self):
        if self.frozen_stages < 0:
            return []
        mods = [self.token_embed, self.pos_drop]
        mods += list(self.blocks[:self.frozen_stages])
        if self.frozen_stages == self.depth:
            mods.append(self.norm)
        return mods

    def _freeze_stages(self) -> None:
        super()._freeze_stages()
        if self.frozen_stages >= 0:
            self.spatial_pos_embed.requires_grad = False
            self.temporal_pos_embed.requires_grad = False

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        key = prefix + 'temporal_pos_embed'
        if key in state_dict and state_dict[key].shape[1] != \
                self.temporal_pos_embed.shape[1]:
            state_dict[key] = interpolate_temporal_embed(
                state_dict[key], self.temporal_pos_embed.shape[1])
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)

    # ------------------------------------------------------------------
    def segment(self, x: torch.Tensor) -> torch.Tensor:
        """Cut ``(N, M, T, V, C)`` into segments ``(N*M, T', V, l*C)``.

        The ``l*C`` values are ordered frame-major (``(u, c)``), the order
        of MAMP's patchified targets.
        """
        self.check_input(x, self.num_joints, self.in_channels,
                         frames_multiple_of=('segment_len', self.segment_len))
        N, M, T, V, C = x.shape
        l = self.segment_len  # noqa: E741
        x = x.reshape(N * M, T // l, l, V, C).transpose(2, 3)
        return x.reshape(N * M, T // l, V, l * C)

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """Tokens with position embeddings: ``(N*M, T', V, D)``."""
        seg = self.segment(x)
        tokens = self.token_embed(seg)
        temporal = interpolate_temporal_embed(self.temporal_pos_embed,
                                              seg.shape[1])
        return self.pos_drop(tokens + self.spatial_pos_embed + temporal)

    def forward_tokens(self, tokens: torch.Tensor) -> torch.Tensor:
        """Run the blocks and final norm on ``(B, L, D)`` tokens."""
        for blk in self.blocks:
            tokens = blk(tokens)
        return self.norm(tokens)

    def forward(self, x: torch.Tensor,
                ids_keep: Optional[torch.Tensor] = None) -> torch.Tensor:
        N, M = x.shape[:2]
        tokens = self.embed(x)
        B, Tp, V, D = tokens.shape
        tokens = tokens.reshape(B, Tp * V, D)
        if ids_keep is not None:
            if ids_keep.shape[0] != B:
                raise ValueError(f'ids_keep has {ids_keep.shape[0]} rows for '
                                 f'{B} sequences (N*M)')
            tokens = torch.gather(
                tokens, 1, ids_keep.unsqueeze(-1).expand(-1, -1, D))
            return self.forward_tokens(tokens)
        out = self.forward_tokens(tokens)
        return out.reshape(N, M, Tp, V, D)
