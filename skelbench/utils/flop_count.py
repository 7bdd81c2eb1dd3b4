"""FLOP counting that includes CPU attention kernels.

``torch.utils.flop_counter.FlopCounterMode`` has formulas for the CUDA
scaled-dot-product-attention kernels (flash, memory-efficient, cuDNN) but
not for the CPU flash kernel
(``aten._scaled_dot_product_flash_attention_for_cpu`` and its backward)
that ``F.scaled_dot_product_attention`` dispatches to on CPU: without them
every attention product on CPU counts as zero. For a MAMP decoder on 750
tokens that is ~30% of the step's FLOPs.
"""
from torch.utils import flop_counter

__all__ = ['FlopCounter']


def _cpu_sdpa_flops(query_shape, key_shape, value_shape, *args,
                    out_shape=None, **kwargs) -> int:
    """``QK^T`` and ``PV`` products: ``4 B H S_q S_k D`` FLOPs."""
    return flop_counter.sdpa_flop_count(query_shape, key_shape, value_shape)


def _cpu_sdpa_backward_flops(grad_out_shape, query_shape, key_shape,
                             value_shape, *args, out_shape=None,
                             **kwargs) -> int:
    """Backward products, counted as torch counts the CUDA kernels'
    backward (``sdpa_backward_flop_count``)."""
    return flop_counter.sdpa_backward_flop_count(
        grad_out_shape, query_shape, key_shape, value_shape)


def _extra_formulas() -> dict:
    import torch
    aten = torch.ops.aten
    mapping = {}
    fwd = getattr(aten, '_scaled_dot_product_flash_attention_for_cpu', None)
    bwd = getattr(aten, '_scaled_dot_product_flash_attention_for_cpu_backward',
                  None)
    if fwd is not None and fwd not in flop_counter.flop_registry:
        mapping[fwd] = _cpu_sdpa_flops
    if bwd is not None and bwd not in flop_counter.flop_registry:
        mapping[bwd] = _cpu_sdpa_backward_flops
    return mapping


class FlopCounter(flop_counter.FlopCounterMode):
    """``FlopCounterMode`` that also counts CPU attention (see module doc).

    Use as ``with FlopCounter(display=False) as fc: ...;
    fc.get_total_flops()``.
    """

    def __init__(self, *args, custom_mapping=None, **kwargs):
        mapping = _extra_formulas()
        mapping.update(custom_mapping or {})
        super().__init__(*args, custom_mapping=mapping, **kwargs)
