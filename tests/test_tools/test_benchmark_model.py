"""tools/analysis_tools/benchmark_model.py: the step benchmark."""
import json
import os.path as osp
from types import SimpleNamespace

import pytest
import torch

from skelbench.registry import MODELS
from skelbench.utils import register_all_modules

from ..conftest import REPO_ROOT, load_tool

TINY = osp.join(REPO_ROOT, 'tests', 'data', 'configs',
                'tiny_supervised_nw_ucla.py')
MAMP_NW_UCLA = osp.join(REPO_ROOT, 'configs', 'mamp',
                        'mamp_transformer-l4d128_1xb64-150e_nw-ucla-xview.py')


def _tool():
    return load_tool('analysis_tools/benchmark_model.py')


def _check(r, batch):
    assert r['device'] == 'cpu' and r['amp'] == 'fp32'
    assert r['gflop_per_step'] > 0 and r['step_s'] > 0
    assert r['samples_per_s'] == pytest.approx(batch / r['step_s'])
    assert r['achieved_gflops'] == pytest.approx(
        r['gflop_per_step'] / r['step_s'])
    assert r['frac_of_fp32_peak'] == pytest.approx(
        r['achieved_gflops'] / r['fp32_gemm_peak_gflops'])


def test_backbone_json(tmp_path):
    tool = _tool()
    out = tmp_path / 'bench.json'
    results = tool.main([
        '--backbone', 'SkeletonTransformer', '--backbone-args',
        'embed_dims=32', 'depth=1', 'num_heads=2', 'num_frames=8',
        '--batch', '2', '--iters', '1', '--warmup', '0', '--device', 'cpu',
        '--precisions', 'fp32', '--json', str(out)])
    assert len(results) == 1
    r = results[0]
    _check(r, 2)
    assert r['input'] == [2, 2, 8, 25, 3]
    register_all_modules()
    model = MODELS.build(dict(type='SkeletonTransformer', embed_dims=32,
                              depth=1, num_heads=2, num_frames=8))
    assert r['params'] == sum(p.numel() for p in model.parameters())
    # forward + backward of one block on 2 x 2 x 50 tokens of width 32:
    # at least the 2 x 3 x (qkv + proj + mlp) GEMM flops
    tokens, d = 2 * 2 * 50, 32
    gemm = 2 * tokens * d * (3 * d + d + 8 * d)
    assert r['gflop_per_step'] * 1e9 >= 3 * gemm
    assert json.loads(out.read_text())['results'][0] == r


def test_config_model_loss_and_tensor_modes():
    tool = _tool()
    r = tool.main([TINY, '--batch', '2', '--iters', '1', '--warmup', '0',
                   '--device', 'cpu', '--persons', '1',
                   '--precisions', 'fp32'])[0]
    _check(r, 2)
    assert r['step_mode'] == 'loss' and r['step_mode_reason'] is None
    # an SSL algorithm needs its masks: falls back to the tensor mode, says
    # why, and counts only the FLOPs of the mode it times
    r = tool.main([MAMP_NW_UCLA, '--batch', '2', '--iters', '1',
                   '--warmup', '0', '--device', 'cpu', '--persons', '1',
                   '--frames', '32', '--precisions', 'fp32'])[0]
    assert r['step_mode'] == 'tensor'
    assert 'ids_keep' in r['step_mode_reason']


def test_amp_path_runs_on_cpu():
    """The GPU AMP code path (autocast + GradScaler + optimizer step),
    exercised with CPU bfloat16 autocast."""
    tool = _tool()
    register_all_modules()
    torch.manual_seed(0)
    model = MODELS.build(dict(type='SkeletonTransformer', embed_dims=32,
                              depth=1, num_heads=2, num_frames=8))
    before = [p.detach().clone() for p in model.parameters()]
    args = SimpleNamespace(warmup=0, iters=2)
    flops, t = tool.run(model, lambda m, x, ds: m(x).float().square().mean(),
                        (2, 1, 8, 25, 3), 'cpu', args,
                        amp_dtype=torch.bfloat16)
    assert flops > 0 and t > 0
    after = list(model.parameters())
    assert all(torch.isfinite(p).all() for p in after)
    assert any(not torch.equal(a, b) for a, b in zip(after, before))


def test_precision_variants_share_flops_and_report_their_peak():
    tool = _tool()
    results = tool.main([
        '--backbone', 'SkeletonTransformer', '--backbone-args',
        'embed_dims=32', 'depth=1', 'num_heads=2', 'num_frames=8',
        '--batch', '2', '--iters', '1', '--warmup', '0', '--device', 'cpu',
        '--precisions', 'fp32,bf16,fp32+compile', '--fused-adamw'])
    assert [r['variant'] for r in results] == ['fp32', 'bf16',
                                               'fp32+compile']
    fp32, bf16, compiled = results
    assert fp32['gflop_per_step'] == bf16['gflop_per_step'] == \
        compiled['gflop_per_step']
    assert bf16['frac_of_peak'] == pytest.approx(
        bf16['achieved_gflops'] / bf16['gemm_peak_gflops'])
    assert fp32['gemm_peak_gflops'] == pytest.approx(
        fp32['fp32_gemm_peak_gflops'])
    assert compiled['compiled'] and fp32['speedup_vs_fp32'] == 1
    assert all(r['fused_adamw'] for r in results)
    assert tool.parse_variants('auto, bf16+compile') == [
        ('auto', False), ('bf16', True)]
    for bad in ('bf16+fast', 'int8', ','):
        with pytest.raises(ValueError):
            tool.parse_variants(bad)


def test_bad_arguments():
    tool = _tool()
    with pytest.raises(SystemExit):
        tool.parse_args(['--backbone', 'HCN', '--iters', '0'])
    if not torch.cuda.is_available():
        with pytest.raises(SystemExit):
            tool.parse_args(['--backbone', 'HCN', '--device', 'cuda'])


def test_mamp_preset_is_the_registered_algorithm():
    """--preset mamp times the library's MAMP (not a copy of it): the same
    modules and parameter count, its masked-MSE loss from random masks."""
    tool = _tool()
    register_all_modules()
    args = tool.parse_args(['--preset', 'mamp', '--frames', '16',
                            '--batch', '2'])
    model, loss_fn, shape, name = tool.build(args)
    assert type(model) is MODELS.get('MAMP')
    assert shape == (2, 2, 16, 25, 3) and name == 'MAMP pretraining'
    reference = MODELS.build(tool.mamp_preset(16, 25, 3))
    assert sum(p.numel() for p in model.parameters()) == \
        sum(p.numel() for p in reference.parameters())
    assert len(model.backbone.blocks) == 8
    assert len(model.neck.blocks) == 3
    x = torch.randn(*shape)
    loss = loss_fn(model, x, tool.data_samples(2, 'cpu'))
    assert loss.ndim == 0 and torch.isfinite(loss) and loss > 0
    loss.backward()
    assert model.backbone.token_embed.weight.grad is not None


STAND_IN = '''
import torch
from torch import nn


class Transformer(nn.Module):
    """Stand-in with the official MAMP constructor and forward signature."""
    calls = []

    def __init__(self, dim_in=3, dim_feat=256, decoder_dim_feat=256, depth=5,
                 decoder_depth=5, num_heads=8, mlp_ratio=4, num_frames=120,
                 num_joints=25, patch_size=1, t_patch_size=4, **kwargs):
        super().__init__()
        Transformer.calls.append(dict(depth=depth, decoder_depth=decoder_depth,
                                      num_frames=num_frames,
                                      num_joints=num_joints))
        self.proj = nn.Linear(dim_in, 4)
        self.norm = nn.LayerNorm(4)

    def forward(self, x, mask_ratio=0.8, motion_stride=1,
                motion_aware_tau=0.75):
        Transformer.calls.append(dict(shape=tuple(x.shape),
                                      mask_ratio=mask_ratio,
                                      tau=motion_aware_tau))
        pred = self.norm(self.proj(x.permute(0, 4, 2, 3, 1)))
        return pred.square().mean(), pred, None
'''


def test_official_mamp_step_is_timed_alternately(tmp_path):
    """``--official-mamp DIR`` imports ``model_mamp/transformer.py`` from DIR,
    builds it at the preset's shape, feeds it (N, C, T, V, M) and reports
    every variant's speed-up over it."""
    pkg = tmp_path / 'MAMP' / 'model_mamp'
    pkg.mkdir(parents=True)
    (pkg / '__init__.py').write_text('')
    (pkg / 'transformer.py').write_text(STAND_IN)
    tool = _tool()
    results = tool.main([
        '--preset', 'mamp', '--frames', '8', '--batch', '1', '--iters', '2',
        '--warmup', '0', '--device', 'cpu', '--precisions', 'fp32',
        '--official-mamp', str(tmp_path / 'MAMP')])
    import sys
    calls = sys.modules['model_mamp.transformer'].Transformer.calls
    assert calls[0] == dict(depth=8, decoder_depth=3, num_frames=8,
                            num_joints=25)
    assert calls[1] == dict(shape=(1, 3, 8, 25, 2), mask_ratio=0.9, tau=0.75)
    assert len(calls) == 1 + 1 + 2  # build, FLOP count, 2 timed rounds
    ours, official = results
    assert official['variant'] == 'official-mamp fp32'
    assert official['speedup_vs_official'] == 1
    assert ours['speedup_vs_official'] == pytest.approx(
        official['step_s'] / ours['step_s'])
    with pytest.raises(SystemExit, match='no .*transformer.py'):
        tool.main(['--preset', 'mamp', '--device', 'cpu',
                   '--official-mamp', str(tmp_path)])
    with pytest.raises(SystemExit, match='--preset mamp'):
        tool.main(['--backbone', 'SkeletonTransformer', '--device', 'cpu',
                   '--iters', '1', '--warmup', '0', '--backbone-args',
                   'embed_dims=32', 'depth=1', 'num_heads=2', 'num_frames=8',
                   '--official-mamp', str(tmp_path / 'MAMP')])
