"""MixedPrecisionOptimWrapper on CPU: autocast, scaler state, fallback."""
import logging

import torch
from mmengine.logging import MMLogger
from torch import nn

from skelbench.engine.optimizers import MixedPrecisionOptimWrapper
from skelbench.engine.optimizers import mixed_precision_optim_wrapper as mpw
from skelbench.registry import OPTIM_WRAPPERS


def _wrapper(precision, **kwargs):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 16), nn.BatchNorm1d(16),
                          nn.Linear(16, 1))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    return model, MixedPrecisionOptimWrapper(
        precision=precision, optimizer=opt, **kwargs)


def test_bf16_step_autocasts_forward_only():
    model, wrapper = _wrapper('bf16')
    assert wrapper.cast_dtype is torch.bfloat16 and wrapper.loss_scaler is None
    x = torch.randn(32, 8)
    with wrapper.optim_context(model):
        out = model(x)
    assert out.dtype is torch.bfloat16
    before = model[0].weight.detach().clone()
    wrapper.update_params(out.float().square().mean())
    assert model[0].weight.dtype is torch.float32
    assert model[1].running_mean.dtype is torch.float32
    assert not torch.equal(before, model[0].weight)
    assert 'loss_scaler' not in wrapper.state_dict()
    assert model(x).dtype is torch.float32  # no autocast outside


def test_fp16_scaler_state_round_trips():
    model, wrapper = _wrapper('fp16', loss_scale=256.)
    assert wrapper.loss_scaler is not None
    with wrapper.optim_context(model):
        loss = model(torch.randn(32, 8)).float().square().mean()
    wrapper.update_params(loss)
    state = wrapper.state_dict()
    assert state['loss_scaler']['scale'] == 256.
    _, other = _wrapper('fp16')
    other.load_state_dict(state)
    assert other.loss_scaler.get_scale() == 256.
    _, plain = _wrapper('fp32')  # a precision switch on resume is allowed
    plain.load_state_dict(state)
    assert plain.loss_scaler is None


def test_fallback_is_reported_once(monkeypatch):
    monkeypatch.setattr(
        'skelbench.engine.precision.cpu_capabilities',
        lambda: dict(cpu_name='Old CPU', avx2=True, amx_bf16=False,
                     avx512_bf16=False, amx_fp16=False, avx512_fp16=False))
    monkeypatch.setattr(mpw, '_REPORTED', set())
    records = []

    class Catch(logging.Handler):
        def emit(self, record):
            records.append(record)

    logger = MMLogger.get_current_instance()
    handler = Catch()
    logger.addHandler(handler)
    try:
        for _ in range(2):
            _, wrapper = _wrapper('auto')
            assert wrapper.cast_dtype is None
    finally:
        logger.removeHandler(handler)
    warned = [r for r in records if r.levelno == logging.WARNING and
              'Old CPU' in r.getMessage()]
    assert len(warned) == 1
    assert 'float32' in warned[0].getMessage()


def test_registered():
    assert OPTIM_WRAPPERS.get('MixedPrecisionOptimWrapper') is \
        MixedPrecisionOptimWrapper


def test_model_moved_after_building_is_followed():
    model = nn.Linear(4, 2, device='meta')
    wrapper = MixedPrecisionOptimWrapper(
        precision='bf16', optimizer=torch.optim.SGD(model.parameters(),
                                                    lr=0.1))
    assert wrapper.precision.device_type == 'meta'
    cpu_model = nn.Linear(4, 2)
    with wrapper.optim_context(cpu_model):
        out = cpu_model(torch.randn(3, 4))
    assert wrapper.precision.device_type == 'cpu'
    assert out.dtype is torch.bfloat16
