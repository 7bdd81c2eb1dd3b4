"""bf16 training resumes bit-exactly; torch.compile keeps checkpoints and
losses as in eager mode (tiny NW-UCLA config)."""
import pytest
import torch
from mmengine.config import Config
from mmengine.hooks import Hook

from skelbench.engine import SkeletonRunner
from skelbench.engine.compile import (compile_submodules,
                                      compiled_module_names)
from skelbench.registry import HOOKS, MODELS

from .test_runner_checkpoints import CONFIG, _cfg


def _state(path):
    return torch.load(path, map_location='cpu',
                      weights_only=False)


class _Stop(Exception):
    pass


@HOOKS.register_module()
class _StopAfterFirstEpoch(Hook):
    """Ends the run after the first epoch's checkpoint, as a kill would."""
    priority = 'LOWEST'

    def after_train_epoch(self, runner):
        if runner.epoch == 0:
            raise _Stop


def _bf16_cfg(work, root, **options):
    return _cfg(work, root, **{
        'optim_wrapper.type': 'MixedPrecisionOptimWrapper',
        'optim_wrapper.precision': 'bf16',
        'train_cfg.max_epochs': 2,
        'param_scheduler': [dict(type='CosineAnnealingLR', T_max=2,
                                 by_epoch=True, convert_to_iter_based=True)],
        'randomness': dict(seed=3), **options})


def test_bf16_run_resumes_bit_exactly(tmp_path, nw_ucla_root):
    full = SkeletonRunner.from_cfg(_bf16_cfg(tmp_path / 'full',
                                             nw_ucla_root))
    seen = []
    linear = next(m for m in full.model.backbone.modules()
                  if isinstance(m, torch.nn.Linear))
    linear.register_forward_hook(
        lambda m, i, o: seen.append((m.training, o.dtype)))
    full.train()
    assert full.optim_wrapper.cast_dtype is torch.bfloat16
    assert (True, torch.bfloat16) in seen  # training steps ran in bf16
    assert (False, torch.float32) in seen  # validation in float32
    with pytest.raises(_Stop):
        SkeletonRunner.from_cfg(_bf16_cfg(
            tmp_path / 'cut', nw_ucla_root,
            custom_hooks=[dict(type='_StopAfterFirstEpoch')])).train()
    cfg = _bf16_cfg(tmp_path / 'cut', nw_ucla_root)
    cfg.resume = True
    SkeletonRunner.from_cfg(cfg).train()
    a = _state(tmp_path / 'full' / 'epoch_2.pth')
    b = _state(tmp_path / 'cut' / 'epoch_2.pth')
    assert a['meta']['epoch'] == b['meta']['epoch'] == 2
    for key, value in a['state_dict'].items():
        assert value.dtype == b['state_dict'][key].dtype
        assert torch.equal(value, b['state_dict'][key]), key
    assert all(v.dtype in (torch.float32, torch.int64)
               for v in a['state_dict'].values())
    opt_a, opt_b = a['optimizer']['state'], b['optimizer']['state']
    for k in opt_a:
        for name, v in opt_a[k].items():
            assert torch.equal(v, opt_b[k][name]), (k, name)


def _tiny_model(**overrides):
    cfg = Config.fromfile(CONFIG)
    cfg.merge_from_dict(overrides)
    torch.manual_seed(0)
    return MODELS.build(cfg.model).eval()


def test_compile_keeps_state_dict_keys_and_checks_names():
    eager, compiled = _tiny_model(), _tiny_model()
    keys = list(eager.state_dict())
    names = compile_submodules(compiled, dict(modules=['backbone'],
                                              dynamic=False))
    assert names == ['backbone']
    assert compiled_module_names(compiled) == ['backbone']
    assert list(compiled.state_dict()) == keys  # no _orig_mod. prefix
    with pytest.raises(ValueError, match="no submodule 'decoder'"):
        compile_submodules(_tiny_model(), dict(modules='decoder'))
    with pytest.raises(ValueError, match='bool or a dict'):
        compile_submodules(_tiny_model(), 'yes')


def test_compiled_and_eager_losses_and_gradients_agree(nw_ucla_root):
    """One training batch of the tiny NW-UCLA config through
    ``mode='loss'``: the compiled model's loss and every parameter's
    gradient equal the eager model's (dropout and drop-path off, so both
    compute the same function)."""
    cfg = _cfg('unused', nw_ucla_root)
    off = {'model.backbone.drop_path_rate': 0.0,
           'model.cls_head.dropout': 0.0}
    cfg.merge_from_dict(off)
    loader = SkeletonRunner.build_dataloader(cfg.train_dataloader, seed=0)
    batch = next(iter(loader))
    eager, compiled = _tiny_model(**off).train(), _tiny_model(**off).train()
    compile_submodules(compiled, dict(modules=['backbone'], dynamic=False))
    results = []
    for model in (eager, compiled):
        data = model.data_preprocessor(batch, training=True)
        losses = model(**data, mode='loss')
        loss = sum(v for k, v in losses.items() if 'loss' in k)
        loss.backward()
        results.append((loss.detach(), {
            n: p.grad.clone() for n, p in model.named_parameters()
            if p.grad is not None}))
    (ref_loss, ref_grads), (loss, grads) = results
    assert torch.isfinite(ref_loss) and ref_loss > 0
    torch.testing.assert_close(loss, ref_loss, rtol=1e-4, atol=1e-5)
    assert grads.keys() == ref_grads.keys() and len(grads) > 10
    for name, grad in grads.items():
        torch.testing.assert_close(grad, ref_grads[name], rtol=1e-3,
                                   atol=1e-5, msg=name)


def test_compiled_run_checkpoint_loads_into_eager_model(tmp_path,
                                                        nw_ucla_root):
    cfg = _cfg(tmp_path / 'compiled', nw_ucla_root,
               compile=dict(modules=['backbone'], dynamic=False))
    runner = SkeletonRunner.from_cfg(cfg)
    runner.train()
    assert compiled_module_names(runner.model) == ['backbone']
    ckpt = _state(tmp_path / 'compiled' / 'epoch_1.pth')
    eager = _tiny_model()
    assert set(ckpt['state_dict']) == set(eager.state_dict())
    eager.load_state_dict(ckpt['state_dict'])
    cfg = _cfg(tmp_path / 'compiled', nw_ucla_root,
               **{'train_cfg.max_epochs': 2})
    cfg.resume = True  # and resumes without compile
    SkeletonRunner.from_cfg(cfg).train()
    assert (tmp_path / 'compiled' / 'epoch_2.pth').exists()
