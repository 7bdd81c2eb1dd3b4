"""MAE/MAMP decoder (and S-JEPA predictor) over joint-segment tokens."""
from typing import Optional

import torch
from mmengine.model import BaseModule
from mmengine.model.weight_init import trunc_normal_
from torch import nn

from skelbench.models.backbones.skeleton_transformer import \
    interpolate_temporal_embed
from skelbench.models.utils.transformer_layers import (
    TransformerBlock, init_transformer_weights)
from skelbench.registry import MODELS


@MODELS.register_module()
class MaskTokenDecoder(BaseModule):
    """Insert mask tokens among encoded visible tokens and run a
    transformer over the full ``T' x V`` token grid.

    MAMP decoder (Mao et al. ICCV'23) / S-JEPA predictor ``g_phi``::

        x = W_e h                           # (B, K, D_in) -> (B, K, D)
        x = unshuffle([x, m, ..., m], ids_restore)   # (B, L, D)
        x = x + P_s[v] + P_t[t']            # own position embeddings
        x = LN(Blocks(x)); y = W_p x        # (B, L, out)

    ``m`` is one learnable mask token (truncated normal 0.02), inserted at
    the masked positions: the encoder's tokens are in the order of
    ``ids_keep`` and ``ids_restore`` is the ``argsort`` of ``[ids_keep,
    ids_masked]`` (tokens time-major ``t' V + v``). MAMP: ``D = 256``,
    depth 3 (NTU60) or 5, ``out = l C = 12`` (motion/joint values);
    S-JEPA predictor: ``D = C_p = 256``, depth 5, ``out = C_e``.

    Args:
        in_channels (int): Encoder width ``D_in``.
        embed_dims (int): Decoder width ``D``.
        depth (int): Blocks.
        num_heads (int): Heads.
        num_joints (int): ``V``.
        num_frames (int): ``T`` (``T' = T / segment_len`` positions,
            interpolated for other ``T'``).
        segment_len (int): Frames per token ``l``.
        out_channels (int, optional): Output width (None: no projection).
        mlp_ratio (float), qkv_bias (bool), norm_eps (float): Blocks.
    """

    def __init__(self, in_channels: int = 256, embed_dims: int = 256,
                 depth: int = 3, num_heads: int = 8, num_joints: int = 25,
                 num_frames: int = 120, segment_len: int = 4,
                 out_channels: Optional[int] = 12, mlp_ratio: float = 4.,
                 qkv_bias: bool = True, norm_eps: float = 1e-5,
                 init_cfg=None):
        super().__init__(init_cfg=init_cfg)
        if num_frames % segment_len:
            raise ValueError(f'num_frames={num_frames} must be a multiple '
                             f'of segment_len={segment_len}')
        self.num_joints = num_joints
        self.embed_dims = embed_dims
        self.decoder_embed = nn.Linear(in_channels, embed_dims)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, embed_dims))
        self.spatial_pos_embed = nn.Parameter(
            torch.zeros(1, 1, num_joints, embed_dims))
        self.temporal_pos_embed = nn.Parameter(
            torch.zeros(1, num_frames // segment_len, 1, embed_dims))
        self.blocks = nn.ModuleList([
            TransformerBlock(embed_dims, num_heads, mlp_ratio, qkv_bias,
                             norm_eps=norm_eps) for _ in range(depth)])
        self.norm = nn.LayerNorm(embed_dims, eps=norm_eps)
        self.pred = nn.Linear(embed_dims, out_channels) \
            if out_channels else nn.Identity()
        self._init()

    def _init(self) -> None:
        init_transformer_weights(self)
        trunc_normal_(self.mask_token, std=.02)
        trunc_normal_(self.spatial_pos_embed, std=.02)
        trunc_normal_(self.temporal_pos_embed, std=.02)

    def init_weights(self) -> None:
        super().init_weights()
        if self.init_cfg is None:
            self._init()

    def forward(self, x: torch.Tensor, ids_restore: torch.Tensor
                ) -> torch.Tensor:
        """``x (B, K, D_in)`` visible tokens, ``ids_restore (B, L)`` ->
        ``(B, L, out)`` for all ``L = T' V`` tokens."""
        B, K, _ = x.shape
        L = ids_restore.shape[1]
        V = self.num_joints
        if L % V:
            raise ValueError(f'{L} tokens are not a multiple of V={V}')
        x = self.decoder_embed(x)
        D = x.shape[-1]
        masks = self.mask_token.to(x.dtype).expand(B, L - K, D)
        x = torch.cat([x, masks], dim=1)
        x = torch.gather(x, 1, ids_restore.unsqueeze(-1).expand(-1, -1, D))
        Tp = L // V
        temporal = interpolate_temporal_embed(self.temporal_pos_embed, Tp)
        x = (x.reshape(B, Tp, V, D) + self.spatial_pos_embed + temporal
             ).reshape(B, L, D)
        for blk in self.blocks:
            x = blk(x)
        return self.pred(self.norm(x))
