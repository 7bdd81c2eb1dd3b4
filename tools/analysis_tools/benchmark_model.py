"""Benchmark a model's training step: params, FLOPs, time, % of peak.

    python tools/analysis_tools/benchmark_model.py CONFIG [--batch 8]
    python tools/analysis_tools/benchmark_model.py --backbone STGCN \\
        --backbone-args width=1 in_channels=3 --frames 120
    python tools/analysis_tools/benchmark_model.py --preset mamp

For one training step (forward, backward, optimizer step; model in train
mode) it reports the parameter count, the FLOPs of forward + backward
(``torch.utils.flop_counter.FlopCounterMode`` + the CPU attention
kernels it misses, ``skelbench.utils.flop_count``), the median step time, the
samples/s, the achieved GFLOP/s and that as a fraction of this machine's
matrix-multiply peak **in the step's precision**, measured in the same run
(best of a few square GEMMs in fp32 / bf16 / fp16). ``--precisions`` lists
the variants to time, each on a fresh copy of the same initial model:
``fp32``, ``bf16``, ``fp16`` (autocast as ``MixedPrecisionOptimWrapper``
runs it; fp16 with a gradient scaler), ``auto`` (what ``--amp`` would pick
on this device), each optionally ``+compile`` (``torch.compile`` of the
backbone and neck in place, as ``compile=True`` in a config; the first
steps, which compile, are warm-up). ``--fused-adamw`` uses AdamW's fused
kernel. The CPU's bf16 / fp16 units are printed, since bf16 is fast only
with AMX-BF16 or AVX512-BF16. Other processes sharing the CPU cores lower
both the peak and the step rate.

Config models are called with ``mode='loss'`` and random labels (a
recognizer); a model whose loss needs inputs that random data cannot give
(the masks of a self-supervised algorithm) falls back to ``mode='tensor'``
with a mean-square dummy loss, and the mode used is printed and saved
(``step_mode``) with the reason. ``--backbone`` builds a bare registered
backbone and uses the mean square of its output as the loss.
``--preset mamp`` is MAMP's pretraining step: the registered ``MAMP``
algorithm (8-layer 256-d encoder on 10% of the 750 tokens of a 2-actor
120-frame sample, 3-layer 256-d decoder on all 750, masked MSE, AdamW)
with a random 90% token mask per actor and step.

``--official-mamp DIR`` adds the official MAMP code's pretraining step
(``DIR`` is a checkout of github.com/maoyunyao/MAMP; its
``model_mamp/transformer.py`` is imported from there, nothing of it is
part of skelbench) at the same shape: ``Transformer(depth=8,
decoder_depth=3)``, mask ratio 0.9, motion-aware tau 0.75, AdamW
(0.9, 0.95) with its weight-decay groups, the gradient norm its loss
scaler computes, in float32 (its ``torch.cuda.amp`` autocast does
nothing on a CPU). All variants, the official one included, are timed
**alternately**: every timed round runs one step of each, so that a
change in machine load hits them all alike.
"""
import argparse
import copy
import json
import statistics
import time
from typing import Callable

import torch
from mmengine.config import Config, DictAction

from skelbench.engine.compile import compile_submodules
from skelbench.engine.precision import (cpu_capabilities, normalize_request,
                                        select_precision)
from skelbench.registry import MODELS
from skelbench.utils.flop_count import FlopCounter
from skelbench.utils import register_all_modules


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('config', nargs='?', help='config file path')
    p.add_argument('--backbone', help='registered backbone type')
    p.add_argument('--backbone-args', nargs='+', action=DictAction,
                   default={}, help='backbone kwargs, key=value')
    p.add_argument('--preset', choices=['mamp'],
                   help="built-in workload ('mamp': MAMP pretraining)")
    p.add_argument('--cfg-options', nargs='+', action=DictAction,
                   help='override config entries, key=value')
    p.add_argument('--batch', type=int, default=8)
    p.add_argument('--persons', type=int, default=2)
    p.add_argument('--frames', type=int, default=None,
                   help='T (default: the backbone num_frames or 120)')
    p.add_argument('--joints', type=int, default=None,
                   help='V (default: from the backbone layout or 25)')
    p.add_argument('--channels', type=int, default=None,
                   help='C (default: the backbone in_channels or 3)')
    p.add_argument('--iters', type=int, default=3, help='timed steps')
    p.add_argument('--warmup', type=int, default=1)
    p.add_argument('--device', default='all', choices=['all', 'cpu', 'cuda'])
    p.add_argument('--precisions', default='fp32,auto',
                   help='comma-separated step variants: fp32, bf16, fp16, '
                   'auto, each optionally +compile (default fp32,auto)')
    p.add_argument('--fused-adamw', action='store_true',
                   help="AdamW(fused=True) instead of torch's default")
    p.add_argument('--official-mamp', metavar='DIR',
                   help='also time the official MAMP code (a checkout of '
                   'maoyunyao/MAMP) at the same input shape')
    p.add_argument('--json', help='also write the results to this file')
    args = p.parse_args(argv)
    if args.iters < 1 or args.warmup < 0 or args.batch < 1 or \
            args.persons < 1:
        p.error('--iters and --batch / --persons must be >= 1, --warmup '
                f'>= 0 (got iters={args.iters}, warmup={args.warmup}, '
                f'batch={args.batch}, persons={args.persons})')
    if args.device == 'cuda' and not torch.cuda.is_available():
        p.error('--device cuda: torch sees no CUDA device here')
    try:
        args.variants = parse_variants(args.precisions)
    except ValueError as e:
        p.error(f'--precisions: {e}')
    return args


def parse_variants(text: str):
    """``'fp32,bf16+compile'`` -> ``[('fp32', False), ('bf16', True)]``."""
    out = []
    for item in text.split(','):
        item = item.strip().lower()
        if not item:
            continue
        name, _, extra = item.partition('+')
        if extra not in ('', 'compile'):
            raise ValueError(f'{item!r}: only "+compile" may follow a '
                             'precision')
        normalize_request(name)
        out.append((name, extra == 'compile'))
    if not out:
        raise ValueError('no variant given')
    return out


# ----------------------------------------------------------------------
def gemm_peak(device: str, dtype=torch.float32, n: int = None,
              reps: int = 5) -> float:
    """Best GFLOP/s of ``n x n`` matrix products (``2 n^3`` each); ``n``
    shrinks (to >= 256) where one product would take over a second, as
    for fp16 on CPUs without fp16 units."""
    n = n or (2048 if device == 'cpu' else 8192)
    probe = torch.randn(256, 256, device=device, dtype=dtype)
    _sync(device)
    t = time.perf_counter()
    probe @ probe
    _sync(device)
    rate = 2 * 256 ** 3 / max(time.perf_counter() - t, 1e-9)
    while n > 256 and 2 * n ** 3 / rate > 1.0:
        n //= 2
    a = torch.randn(n, n, device=device, dtype=dtype)
    b = torch.randn(n, n, device=device, dtype=dtype)
    best = float('inf')
    for _ in range(reps + 1):
        _sync(device)
        t = time.perf_counter()
        (a @ b)
        _sync(device)
        best = min(best, time.perf_counter() - t)
    return 2 * n ** 3 / best / 1e9


def _sync(device):
    if device.startswith('cuda'):
        torch.cuda.synchronize()


def mamp_preset(frames: int = 120, joints: int = 25, channels: int = 3,
                segment_len: int = 4) -> dict:
    """Model config of MAMP's pretraining (NTU-60 size): the registered
    ``MAMP`` algorithm with an 8 x 256 ``SkeletonTransformer`` encoder and
    a 3 x 256 ``MaskTokenDecoder``, as ``configs/mamp``'s NTU configs."""
    return dict(
        type='MAMP',
        backbone=dict(type='SkeletonTransformer', in_channels=channels,
                      num_joints=joints, num_frames=frames,
                      segment_len=segment_len, embed_dims=256, depth=8,
                      num_heads=8),
        neck=dict(type='MaskTokenDecoder', in_channels=256, embed_dims=256,
                  depth=3, num_heads=8, num_joints=joints,
                  num_frames=frames, segment_len=segment_len,
                  out_channels=segment_len * channels),
        head=dict(type='ReconstructionHead',
                  loss=dict(type='MaskedMSELoss')))


def random_masking_loss(mask_ratio: float = 0.9) -> Callable:
    """``loss_fn(model, x, data_samples)`` of a masked-prediction
    algorithm (MAMP): every call draws a random ``mask_ratio`` token mask
    per actor and a random target, puts ``ids_keep`` / ``ids_restore`` /
    ``mask`` / ``target`` into the data samples (as the pipeline's masking
    transforms do) and returns the sum of the ``loss`` terms of
    ``model(x, data_samples, mode='loss')``."""

    def loss_fn(model, x, data_samples):
        N, M, T, V, C = x.shape
        seg = model.backbone.segment_len
        L = T // seg * V
        keep = int(round(L * (1 - mask_ratio)))
        samples = []
        for ds in data_samples:
            ids_shuffle = torch.rand(M, L, device=x.device).argsort(1)
            mask = torch.ones(M, L, device=x.device)
            mask.scatter_(1, ids_shuffle[:, :keep], 0)
            sample = ds.clone()
            sample.set_field(ids_shuffle[:, :keep], 'ids_keep')
            sample.set_field(ids_shuffle.argsort(1), 'ids_restore')
            sample.set_field(mask, 'mask')
            sample.set_field(torch.randn(M, T // seg, V, seg * C,
                                         device=x.device), 'target')
            samples.append(sample)
        losses = model(x, samples, mode='loss')
        return sum(v.float().sum() for k, v in losses.items() if 'loss' in k)

    return loss_fn


def build(args):
    """Return ``(model, loss_fn(model, inputs), input_shape, name)``."""
    if args.preset == 'mamp':
        T = args.frames or 120
        V = args.joints or 25
        C = args.channels or 3
        return (MODELS.build(mamp_preset(T, V, C)), random_masking_loss(0.9),
                (args.batch, args.persons, T, V, C), 'MAMP pretraining')
    if args.backbone:
        bcfg = dict(type=args.backbone, **args.backbone_args)
        model = MODELS.build(bcfg)
        name = f'backbone {args.backbone} {dict(args.backbone_args)}'

        def loss_fn(m, x, ds):
            return m(x).float().square().mean()
    else:
        if not args.config:
            raise SystemExit('give CONFIG, --backbone TYPE or --preset')
        cfg = Config.fromfile(args.config)
        if args.cfg_options:
            cfg.merge_from_dict(args.cfg_options)
        model = MODELS.build(cfg.model)
        bcfg = cfg.model.get('backbone', {})
        name = args.config
        state = dict(mode='loss', reason=None)

        def loss_fn(m, x, ds):
            if state['mode'] == 'loss':
                try:
                    losses = m(x, ds, mode='loss')
                    return sum(v.float().sum() for k, v in losses.items()
                               if 'loss' in k)
                except (KeyError, AttributeError, TypeError,
                        ValueError) as e:
                    # e.g. an SSL algorithm without its masks: time the
                    # forward features instead, and say so
                    state.update(mode='tensor',
                                 reason=f'{type(e).__name__}: {e}')
                    print(f"mode='loss' needs real data "
                          f"({state['reason']}); timing mode='tensor' with "
                          'a mean-square loss')
            out = m(x, ds, mode='tensor')
            out = out[0] if isinstance(out, (list, tuple)) else out
            return out.float().square().mean()

        loss_fn.state = state
    T = args.frames or bcfg.get('num_frames', 120)
    V = args.joints or bcfg.get('num_joints')
    if V is None:
        bb = getattr(model, 'backbone', model)
        lay = getattr(bb, 'layout', None)
        V = lay.num_joints if lay is not None else 25
    C = args.channels or bcfg.get('in_channels', 3)
    return model, loss_fn, (args.batch, args.persons, T, V, C), name


def data_samples(n, device):
    try:
        from skelbench.structures import SkeletonDataSample
    except ImportError:  # pragma: no cover
        return None
    return [SkeletonDataSample().set_gt_label(0) for _ in range(n)]


def prepare(model, loss_fn, shape, device, args, amp_dtype=None,
            compile_model=False, count_flops=True):
    """Set up one training-step variant; returns ``(flops, step)``:
    ``flops`` of one eager forward + backward (``None`` when
    ``count_flops`` is off) and ``step()``, which runs one forward,
    backward and optimizer step. The compile warm-up steps have run."""
    model = model.to(device).train()
    params = [p for p in model.parameters() if p.requires_grad]
    kwargs = dict(fused=True) if getattr(args, 'fused_adamw', False) else {}
    opt = torch.optim.AdamW(params, lr=1e-4, **kwargs)
    x = torch.randn(*shape, device=device)
    ds = data_samples(shape[0], device)
    if ds is not None:
        ds = [d.to(device) for d in ds]
    dev_type = device.split(':')[0]
    autocast = torch.autocast(dev_type, dtype=amp_dtype,
                              enabled=amp_dtype is not None)
    scaler = torch.amp.GradScaler(dev_type,
                                  enabled=amp_dtype == torch.float16)

    def step():
        opt.zero_grad(set_to_none=True)
        with autocast:
            loss = loss_fn(model, x, ds)
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()

    if hasattr(loss_fn, 'state'):  # settle the step mode before counting
        with torch.no_grad(), autocast:
            loss_fn(model, x, ds)
    flops = None
    if count_flops:
        with FlopCounter(display=False) as fc:
            opt.zero_grad(set_to_none=True)
            with autocast:
                loss = loss_fn(model, x, ds)
            loss.backward()
        flops = fc.get_total_flops()
    if compile_model:
        compile_submodules(model, True)
        for _ in range(2):
            step()
    return flops, step


def official_mamp_step(root: str, shape, device: str):
    """``(flops, step, n_params)`` of the official MAMP pretraining step
    (see the module docstring) on an input of ``shape = (N, M, T, V, C)``
    (the official model takes ``(N, C, T, V, M)``)."""
    import importlib
    import os.path as osp
    import sys
    path = osp.join(root, 'model_mamp', 'transformer.py')
    if not osp.isfile(path):
        raise SystemExit(f'--official-mamp {root}: no {path} (give the '
                         'root of a maoyunyao/MAMP checkout)')
    for name in [m for m in sys.modules
                 if m == 'model_mamp' or m.startswith('model_mamp.')]:
        del sys.modules[name]  # another DIR's copy, imported before
    sys.path.insert(0, osp.abspath(root))
    try:
        official = importlib.import_module('model_mamp.transformer')
    finally:
        sys.path.pop(0)
    N, M, T, V, C = shape
    model = official.Transformer(
        dim_in=C, dim_feat=256, decoder_dim_feat=256, depth=8,
        decoder_depth=3, num_heads=8, mlp_ratio=4, num_frames=T,
        num_joints=V, patch_size=1, t_patch_size=4).to(device).train()
    decay, no_decay = [], []  # timm's param_groups_weight_decay
    for name, prm in model.named_parameters():
        (no_decay if prm.ndim <= 1 or name.endswith('.bias')
         else decay).append(prm)
    opt = torch.optim.AdamW([dict(params=no_decay, weight_decay=0.),
                             dict(params=decay, weight_decay=0.05)],
                            lr=1e-4, betas=(0.9, 0.95))
    x = torch.randn(N, C, T, V, M, device=device)

    def forward():
        return model(x, mask_ratio=0.9, motion_stride=1,
                     motion_aware_tau=0.75)[0]

    def step():
        loss = forward()
        loss.item()
        loss.backward()
        torch.norm(torch.stack([torch.norm(p.grad.detach(), 2.0)
                                for p in model.parameters()
                                if p.grad is not None]), 2.0)
        opt.step()
        opt.zero_grad()

    with FlopCounter(display=False) as fc:
        forward().backward()
    opt.zero_grad()
    n_params = sum(p.numel() for p in model.parameters())
    return fc.get_total_flops(), step, n_params


def time_alternately(steps: dict, device: str, iters: int,
                     warmup: int) -> dict:
    """``{name: median seconds}`` of ``steps`` (``{name: step()}``),
    after ``warmup`` untimed steps each, over ``iters`` rounds that run
    one step of every variant in turn."""
    for step in steps.values():
        for _ in range(warmup):
            step()
    times = {k: [] for k in steps}
    for _ in range(iters):
        for name, step in steps.items():
            _sync(device)
            t = time.perf_counter()
            step()
            _sync(device)
            times[name].append(time.perf_counter() - t)
    return {k: statistics.median(v) for k, v in times.items()}


def run(model, loss_fn, shape, device, args, amp_dtype=None,
        compile_model=False, count_flops=True):
    """Time ``args.iters`` training steps of one variant; returns
    ``(flops, median_s)``."""
    flops, step = prepare(model, loss_fn, shape, device, args, amp_dtype,
                          compile_model, count_flops)
    t = time_alternately({'step': step}, device, args.iters, args.warmup)
    return flops, t['step']


def main(argv=None):
    args = parse_args(argv)
    if args.official_mamp and args.preset != 'mamp':
        raise SystemExit('--official-mamp times the official MAMP step: '
                         'use it with --preset mamp')
    register_all_modules(init_default_scope=False)
    torch.manual_seed(0)
    model, loss_fn, shape, name = build(args)
    n_params = sum(p.numel() for p in model.parameters())
    devices = []
    if args.device in ('all', 'cpu'):
        devices.append('cpu')
    if args.device in ('all', 'cuda') and torch.cuda.is_available():
        devices.append('cuda')
    results = []
    print(f'model: {name}\ninput (N, M, T, V, C): {shape}\n'
          f'params: {n_params:,}')
    caps = cpu_capabilities()
    units = [k for k in ('amx_bf16', 'avx512_bf16', 'amx_fp16',
                         'avx512_fp16') if caps[k]]
    print(f"CPU: {caps['cpu_name']}; bf16/fp16 units: "
          f"{', '.join(units).upper() or 'none'}")
    initial = copy.deepcopy(model.state_dict())
    for dev in devices:
        peaks, flops, prepared = {}, None, []
        for req, compiled in args.variants:
            choice = select_precision(req, dev)
            if choice.name not in peaks:
                peaks[choice.name] = gemm_peak(
                    dev, choice.dtype or torch.float32)
            model.load_state_dict(initial)
            f, step = prepare(copy.deepcopy(model), loss_fn, shape, dev,
                              args, choice.dtype, compile_model=compiled,
                              count_flops=flops is None)
            flops = f if flops is None else flops
            variant = choice.name + ('+compile' if compiled else '')
            prepared.append((variant, req, choice, compiled, flops, step,
                             n_params))
        if args.official_mamp:
            f, step, n = official_mamp_step(args.official_mamp, shape, dev)
            choice = select_precision('fp32', dev)
            prepared.append(('official-mamp fp32', 'fp32', choice, False,
                             f, step, n))
        if 'fp32' not in peaks:
            peaks['fp32'] = gemm_peak(dev)
        times = time_alternately({p[0]: p[5] for p in prepared}, dev,
                                 args.iters, args.warmup)
        for key in list(peaks):  # again after the run (shared machines)
            peaks[key] = max(peaks[key], gemm_peak(
                dev, select_precision(key, dev).dtype or torch.float32))
        for variant, req, choice, compiled, f, _, n in prepared:
            key, t = choice.name, times[variant]
            r = dict(device=dev, threads=torch.get_num_threads(),
                     variant=variant, requested=req, amp=key,
                     compiled=compiled, precision_reason=choice.reason,
                     fused_adamw=bool(args.fused_adamw),
                     params=n, input=list(shape),
                     gflop_per_step=f / 1e9, step_s=t,
                     samples_per_s=shape[0] / t,
                     achieved_gflops=f / 1e9 / t,
                     gemm_peak_gflops=peaks[key],
                     frac_of_peak=f / 1e9 / t / peaks[key],
                     fp32_gemm_peak_gflops=peaks['fp32'],
                     frac_of_fp32_peak=f / 1e9 / t / peaks['fp32'],
                     timing='alternate rounds')
            state = getattr(loss_fn, 'state', None)
            if state is not None and not variant.startswith('official'):
                r['step_mode'] = state['mode']
                r['step_mode_reason'] = state['reason']
            results.append(r)
            print(f"[{dev} {variant}, {r['threads']} threads] "
                  f"FLOPs/step (fwd+bwd): {r['gflop_per_step']:.1f} G | "
                  f"step: {t:.3f} s | {r['samples_per_s']:.2f} samples/s | "
                  f"{r['achieved_gflops']:.1f} GFLOP/s = "
                  f"{100 * r['frac_of_peak']:.0f}% of the measured {key} "
                  f"GEMM peak ({peaks[key]:.0f} GFLOP/s)" +
                  ('' if req == key else f' | {req}: {choice.reason}'))
        dev_results = [r for r in results if r['device'] == dev]
        base = next((r for r in dev_results if r['variant'] == 'fp32'),
                    None)
        official = next((r for r in dev_results
                         if r['variant'].startswith('official')), None)
        for r in dev_results:
            if base is not None:
                r['speedup_vs_fp32'] = base['step_s'] / r['step_s']
            if official is not None:
                r['speedup_vs_official'] = official['step_s'] / r['step_s']
        if official is not None:
            print('speed-up over the official MAMP step: ' + ', '.join(
                f"{r['variant']} {r['speedup_vs_official']:.2f}x"
                for r in dev_results if r is not official))
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(dict(model=name, results=results), f, indent=2)
    return results


if __name__ == '__main__':
    main()
