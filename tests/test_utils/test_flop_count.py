"""FlopCounter counts the CPU attention kernel that torch's counter
misses."""
import torch
import torch.nn.functional as F

from skelbench.utils.flop_count import FlopCounter


def test_cpu_attention_is_counted():
    B, H, S, D = 2, 4, 50, 16
    q = torch.randn(B, H, S, D, requires_grad=True)
    k = torch.randn(B, H, S, D, requires_grad=True)
    v = torch.randn(B, H, S, D, requires_grad=True)
    with FlopCounter(display=False) as fc:
        out = F.scaled_dot_product_attention(q, k, v)
    fwd = 4 * B * H * S * S * D  # QK^T and PV
    assert fc.get_total_flops() == fwd
    with FlopCounter(display=False) as fc:
        F.scaled_dot_product_attention(q, k, v).sum().backward()
    # forward + backward (torch's formula for the CUDA kernels: 2.5x)
    assert fc.get_total_flops() == fwd + fwd * 5 // 2
    # same count as the explicit softmax(QK^T / sqrt(D)) V
    with FlopCounter(display=False) as fc:
        ref = torch.softmax(q @ k.transpose(-1, -2) / D ** 0.5, -1) @ v
    assert fc.get_total_flops() == fwd
    torch.testing.assert_close(out, ref)


def test_linear_layers_still_counted():
    lin = torch.nn.Linear(8, 4)
    with FlopCounter(display=False) as fc:
        lin(torch.randn(10, 8))
    assert fc.get_total_flops() == 2 * 10 * 8 * 4
