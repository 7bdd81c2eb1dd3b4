"""The precision choice per device, with mocked capability flags."""
import pytest
import torch
from mmengine.config import Config

from skelbench.engine.precision import (cpu_capabilities, normalize_request,
                                        select_precision, set_precision)

AVX2 = dict(cpu_name='AMD EPYC 7B12', avx2=True, amx_bf16=False,
            avx512_bf16=False, amx_fp16=False, avx512_fp16=False)
AVX512_BF16 = dict(AVX2, cpu_name='AMD EPYC 9B14', avx512_bf16=True)
AMX = dict(AVX2, cpu_name='Intel Xeon 8480', amx_bf16=True)
A100 = dict(name='A100', capability=(8, 0), bf16=True)
V100 = dict(name='V100', capability=(7, 0), bf16=False)


@pytest.mark.parametrize('caps, units', [(AMX, 'AMX_BF16'),
                                         (AVX512_BF16, 'AVX512_BF16')])
def test_auto_on_bf16_cpus_is_bf16(caps, units):
    c = select_precision('auto', 'cpu', caps)
    assert (c.name, c.dtype, c.grad_scaler, c.fallback) == \
        ('bf16', torch.bfloat16, False, False)
    assert units in c.reason and caps['cpu_name'] in c.reason


def test_auto_on_avx2_cpu_falls_back_to_fp32_and_says_why():
    c = select_precision(True, 'cpu', AVX2)
    assert c.name == 'fp32' and c.dtype is None and c.fallback
    assert 'AMD EPYC 7B12' in c.reason and 'AVX512-BF16' in c.reason


def test_explicit_requests_on_cpu():
    c = select_precision('bf16', 'cpu', AVX2)  # honoured, slow, said so
    assert c.dtype is torch.bfloat16 and not c.fallback
    assert 'slower' in c.reason
    assert 'slower' not in select_precision('bf16', 'cpu', AMX).reason
    c = select_precision('float16', 'cpu', AVX2)
    assert c.dtype is torch.float16 and c.grad_scaler
    for off in ('fp32', 'float32', False, None):
        c = select_precision(off, 'cpu', AMX)
        assert c.dtype is None and not c.fallback


def test_cuda_rules():
    c = select_precision('auto', 'cuda', A100)
    assert (c.dtype, c.grad_scaler) == (torch.bfloat16, False)
    c = select_precision('auto', 'cuda:1', V100)
    assert (c.name, c.dtype, c.grad_scaler) == ('fp16', torch.float16, True)
    assert '7.0' in c.reason
    with pytest.raises(ValueError, match='no native bf16'):
        select_precision('bf16', 'cuda', V100)
    c = select_precision('fp16', 'cuda', A100)
    assert c.grad_scaler


def test_other_devices_and_bad_requests():
    c = select_precision('auto', 'mps', {})
    assert c.dtype is None and c.fallback
    with pytest.raises(ValueError, match='precision='):
        select_precision('int8', 'cpu', AMX)
    assert normalize_request(torch.bfloat16) == 'bf16'
    assert normalize_request('BF16') == 'bf16'


def test_cpu_capabilities_has_every_flag():
    caps = cpu_capabilities()
    for key in ('cpu_name', 'amx_bf16', 'avx512_bf16', 'amx_fp16',
                'avx512_fp16', 'avx2'):
        assert key in caps
    assert select_precision('auto', 'cpu').device_type == 'cpu'


def test_set_precision_rewrites_the_optim_wrapper():
    cfg = Config(dict(optim_wrapper=dict(optimizer=dict(type='AdamW'))))
    set_precision(cfg, 'auto')
    assert cfg.optim_wrapper.type == 'MixedPrecisionOptimWrapper'
    assert cfg.optim_wrapper.precision == 'auto'
    cfg = Config(dict(optim_wrapper=dict(type='AmpOptimWrapper',
                                         dtype='float16', loss_scale=512.,
                                         optimizer=dict(type='SGD'))))
    set_precision(cfg, 'fp16')
    assert 'dtype' not in cfg.optim_wrapper
    assert cfg.optim_wrapper.loss_scale == 512.
    cfg = Config(dict(optim_wrapper=dict(type='MyWrapper')))
    with pytest.raises(ValueError, match='MyWrapper'):
        set_precision(cfg, 'auto')
    with pytest.raises(ValueError, match='no optim_wrapper'):
        set_precision(Config(dict()), 'auto')
    with pytest.raises(ValueError, match='precision='):
        set_precision(Config(dict(optim_wrapper=dict())), 'tf32')
