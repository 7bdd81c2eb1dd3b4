"""Pre-norm transformer layers built on ``F.scaled_dot_product_attention``.
"""
import torch
import torch.nn.functional as F
from mmcv.cnn.bricks import DropPath
from torch import nn

from .precision import sdpa_upcast_dtype


class MultiheadSelfAttention(nn.Module):
    """Multi-head self-attention with one fused qkv projection.

    ``Attn(x) = W_o concat_h softmax(Q_h K_h^T / sqrt(d)) V_h`` computed by
    ``F.scaled_dot_product_attention`` (flash / memory-efficient kernels
    where available; under bf16 autocast on CPUs without AMX-BF16 the
    kernel runs in float32, see
    :func:`~skelbench.models.utils.precision.sdpa_upcast_dtype`).

    Args:
        embed_dims (int): Token width ``D``.
        num_heads (int): Heads ``H`` (``D % H == 0``).
        qkv_bias (bool): Bias in the qkv projection.
        attn_drop (float): Dropout on attention weights (training only).
        proj_drop (float): Dropout after the output projection.
    """

    def __init__(self, embed_dims: int, num_heads: int, qkv_bias=True,
                 attn_drop: float = 0., proj_drop: float = 0.):
        super().__init__()
        if embed_dims % num_heads:
            raise ValueError(f'embed_dims={embed_dims} is not divisible by '
                             f'num_heads={num_heads}')
        self.num_heads = num_heads
        self.qkv = nn.Linear(embed_dims, embed_dims * 3, bias=qkv_bias)
        self.attn_drop = attn_drop
        self.proj = nn.Linear(embed_dims, embed_dims)
        self.proj_drop = nn.Dropout(proj_drop)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``(B, L, D) -> (B, L, D)``."""
        B, L, D = x.shape
        # unbind, not qkv[0], qkv[1], qkv[2]: the backward of three
        # selects zero-fills and copies three full-size qkv gradients
        q, k, v = self.qkv(x).reshape(B, L, 3, self.num_heads,
                                      D // self.num_heads).permute(
                                          2, 0, 3, 1, 4).unbind(0)
        drop = self.attn_drop if self.training else 0.
        upcast = sdpa_upcast_dtype(q)
        if upcast is None:
            out = F.scaled_dot_product_attention(q, k, v, dropout_p=drop)
        else:
            with torch.autocast(q.device.type, enabled=False):
                out = F.scaled_dot_product_attention(
                    q.to(upcast), k.to(upcast), v.to(upcast),
                    dropout_p=drop).to(q.dtype)
        out = out.transpose(1, 2).reshape(B, L, D)
        return self.proj_drop(self.proj(out))


class TransformerBlock(nn.Module):
    """Pre-norm ViT block (MAMP/MAE): ``x + DP(Attn(LN(x)))`` then
    ``x + DP(MLP(LN(x)))`` with a GELU MLP of width ``mlp_ratio * D``."""

    def __init__(self, embed_dims: int, num_heads: int,
                 mlp_ratio: float = 4., qkv_bias: bool = True,
                 drop: float = 0., attn_drop: float = 0.,
                 drop_path: float = 0., norm_eps: float = 1e-5):
        super().__init__()
        self.norm1 = nn.LayerNorm(embed_dims, eps=norm_eps)
        self.attn = MultiheadSelfAttention(embed_dims, num_heads, qkv_bias,
                                           attn_drop, drop)
        self.drop_path = DropPath(drop_path) if drop_path > 0 \
            else nn.Identity()
        self.norm2 = nn.LayerNorm(embed_dims, eps=norm_eps)
        hidden = int(embed_dims * mlp_ratio)
        self.mlp = nn.Sequential(
            nn.Linear(embed_dims, hidden), nn.GELU(), nn.Dropout(drop),
            nn.Linear(hidden, embed_dims), nn.Dropout(drop))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.drop_path(self.attn(self.norm1(x)))
        return x + self.drop_path(self.mlp(self.norm2(x)))


def init_transformer_weights(module: nn.Module) -> None:
    """MAMP's initialisation of a transformer encoder / decoder in place:
    xavier-uniform weights of every ``nn.Linear`` (bias 0), LayerNorm
    weight 1 and bias 0. Position embeddings and mask tokens (truncated
    normal, std 0.02) are the owner's to initialise."""
    for m in module.modules():
        if isinstance(m, nn.Linear):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
