"""Run downstream protocols for one pretrained checkpoint.

:func:`run_benchmark` is the library behind ``tools/benchmark.py``. For
each protocol it finds the benchmark config
(:func:`~.benchmark_configs.find_benchmark_config`), builds the run's
config (:mod:`.downstream_config`), runs it and collects the test
accuracies into ``results.json`` / ``results.md``
(:mod:`.results`), written again after every protocol:

* ``linear`` (``linear_protocol='cached'``) and ``knn``: features cached
  once in this process (:mod:`.cached_probes`), the linear classifier
  trained on the cache for every seed;
* ``linear`` (``'end-to-end'``), ``finetune``, ``scratch``, ``transfer-D``:
  ``tools/train.py`` per seed with a held-out validation part
  (``val_fraction``), then ``tools/test.py`` on the last and on the
  best-on-validation checkpoint;
* ``semi-P``: ``tools/train.py`` per seed on the seed's label fraction
  (no validation), ``tools/test.py`` on the last checkpoint.

Work dir layout: ``encoder.pth`` (the downstream encoder of the
checkpoint), ``<protocol>/seed<k>/`` (``config.py``, ``train.log``, the
training run, ``holdout_ids.json`` or ``subset_ids.json``, ``test_last/``,
``test_best/``), ``results.json``, ``results.md``.
"""
import copy
import glob
import json
import os
import os.path as osp
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence

import torch
from mmengine.config import Config

from skelbench.checkpoint import (atomic_target, encoder_state_dict,
                                  extract_state_dict, safe_torch_load,
                                  strip_module_prefix)

from .benchmark_configs import find_benchmark_config
from .cached_probes import cache_features, cached_knn, cached_linear
from .downstream_config import (BEST_METRIC, with_holdout,
                                with_label_fraction, with_pretrained,
                                with_run_settings, without_validation)
from .launch import Launcher, last_and_best_checkpoints, read_test_metrics
from .results import format_mean_std, summarize_runs, write_results
from .specs import Protocol, parse_protocols

__all__ = ['BenchmarkSettings', 'run_benchmark', 'extract_encoder']


@dataclass
class BenchmarkSettings:
    """Options of a benchmark run.

    Attributes:
        seeds (sequence of int): One run per seed (training seed, and the
            seed of the hold-out split and of the label fraction).
        val_fraction (float): Part of each class of the training split
            held out for model selection; 0 = none (the last epoch only).
        linear_protocol (str): ``cached`` or ``end-to-end``.
        passes (int): Cached linear probe: passes over the training split
            (pass 0 through the test pipeline, the others augmented).
        feature_batch_size (int): Batch of the feature extraction.
        benchmarks (dict): ``{kind or protocol: config path}`` overrides.
        cfg_options (dict): Applied to every benchmark config (dotted keys,
            as ``--cfg-options``), before the protocol's changes.
        launcher (Launcher): How training and testing are started.
    """
    seeds: Sequence[int] = (0, )
    val_fraction: float = 0.1
    linear_protocol: str = 'cached'
    passes: int = 5
    feature_batch_size: int = 64
    benchmarks: Dict[str, str] = field(default_factory=dict)
    cfg_options: Dict[str, object] = field(default_factory=dict)
    launcher: Launcher = field(default_factory=Launcher)

    def __post_init__(self):
        if self.linear_protocol not in ('cached', 'end-to-end'):
            raise ValueError("linear_protocol must be 'cached' or "
                             f"'end-to-end', got {self.linear_protocol!r}")
        if not 0 <= self.val_fraction < 1:
            raise ValueError('val_fraction must be in [0, 1), got '
                             f'{self.val_fraction}')
        if not self.seeds:
            raise ValueError('no seed given')


def extract_encoder(checkpoint: str, out_file: str) -> str:
    """Write the downstream encoder of a training (or backbone)
    checkpoint as a backbone checkpoint (``backbone.*``), the file given
    to every protocol; returns ``out_file``."""
    ckpt = safe_torch_load(checkpoint, map_location='cpu')
    state = encoder_state_dict(strip_module_prefix(extract_state_dict(ckpt)))
    with atomic_target(out_file) as tmp:
        torch.save(dict(state_dict=state, meta=dict(source=checkpoint)), tmp)
    return out_file


def _best_validation(run_dir: str) -> Optional[dict]:
    """Best validation top-1 (and its epoch) logged by a training run."""
    best = None
    for path in glob.glob(osp.join(run_dir, '*', 'vis_data', 'scalars.json')):
        with open(path) as f:
            for line in f:
                entry = json.loads(line)
                if BEST_METRIC in entry and (
                        best is None or entry[BEST_METRIC] > best['value']):
                    best = dict(value=float(entry[BEST_METRIC]),
                                epoch=int(entry.get('step', 0)))
    return best


class _Benchmark:

    def __init__(self, pretrain_config: str, checkpoint: str, work_dir: str,
                 settings: BenchmarkSettings, log: Callable[[str], None]):
        self.pretrain_config = pretrain_config
        self.checkpoint = checkpoint
        self.work_dir = osp.abspath(work_dir)
        self.settings = settings
        self.log = log
        self.encoder = None
        self.caches = {}

    # ------------------------------------------------------------------
    def config_path(self, protocol: Protocol) -> str:
        return find_benchmark_config(
            self.pretrain_config, protocol.benchmark_kind,
            data=protocol.target, overrides=self.settings.benchmarks)

    def load_config(self, path: str) -> Config:
        cfg = Config.fromfile(path)
        if self.settings.cfg_options:
            cfg.merge_from_dict(copy.deepcopy(self.settings.cfg_options))
        return cfg

    def encoder_file(self) -> str:
        if self.encoder is None:
            self.encoder = extract_encoder(
                self.checkpoint, osp.join(self.work_dir, 'encoder.pth'))
        return self.encoder

    # ------------------------------------------------------------------
    def cached(self, protocol: Protocol, cfg: Config) -> List[dict]:
        passes = self.settings.passes if protocol.kind == 'linear' else 1
        # kNN reads pass 0 only: any cache of the config serves it
        have = [k for k in self.caches if k[0] == cfg.filename and
                (protocol.kind == 'knn' or k[1] == passes)]
        key = have[0] if have else (cfg.filename, passes)
        if key not in self.caches:
            self.caches[key] = cache_features(
                cfg, self.encoder_file(), passes=passes,
                batch_size=self.settings.feature_batch_size)
        cache = self.caches[key]
        classes = cfg.model.cls_head.num_classes
        if protocol.kind == 'knn':
            return [dict(seed=None, **cached_knn(cache,
                                                 num_classes=classes))]
        runs = []
        for seed in self.settings.seeds:
            out = cached_linear(cache, cfg,
                                self.settings.val_fraction or None, seed,
                                num_classes=classes)
            runs.append(dict(seed=seed, last=out['last'],
                             best_val=out.get('best_val'),
                             best_val_epoch=out.get('best_val_epoch'),
                             test_at_best_val=out.get('test_at_best_val'),
                             passes=out['passes']))
        return runs

    def run_config(self, protocol: Protocol, cfg: Config, seed: int
                   ) -> dict:
        run_dir = osp.join(self.work_dir, protocol.name, f'seed{seed}')
        os.makedirs(run_dir, exist_ok=True)
        vf = self.settings.val_fraction
        if protocol.kind == 'semi':
            cfg = with_label_fraction(
                cfg, protocol.fraction, seed,
                save_file=osp.join(run_dir, 'subset_ids.json'))
        elif vf:
            cfg = with_holdout(cfg, vf, seed, save_file=osp.join(
                run_dir, 'holdout_ids.json'))
        else:
            cfg = without_validation(cfg)
        if protocol.kind == 'scratch':
            cfg.model.backbone.init_cfg = None
            paramwise = cfg.optim_wrapper.get('paramwise_cfg') or {}
            if 'layer_decay_rate' in paramwise:
                paramwise['layer_decay_rate'] = 1.0
        else:
            cfg = with_pretrained(cfg, self.encoder_file())
        cfg = with_run_settings(cfg, run_dir, seed)
        config_file = osp.join(run_dir, 'config.py')
        cfg.dump(config_file)
        launcher = self.settings.launcher
        launcher.run(launcher.train_command(config_file, run_dir,
                                            ['--seed', str(seed)]),
                     osp.join(run_dir, 'train.log'))
        last, best = last_and_best_checkpoints(run_dir)
        run = dict(seed=seed, checkpoint_last=last)
        for name, ckpt in (('last', last), ('best', best)):
            if ckpt is None:
                continue
            test_dir = osp.join(run_dir, f'test_{name}')
            launcher.run(launcher.test_command(config_file, ckpt, test_dir),
                         osp.join(run_dir, f'test_{name}.log'))
            top1 = read_test_metrics(test_dir)[BEST_METRIC]
            if name == 'last':
                run['last'] = top1
            else:
                run.update(test_at_best_val=top1, checkpoint_best=ckpt)
        if best is not None:
            val = _best_validation(run_dir)
            if val is not None:
                run.update(best_val=val['value'],
                           best_val_epoch=val['epoch'])
        return run

    # ------------------------------------------------------------------
    def run(self, protocols: Sequence[Protocol]) -> dict:
        results = dict(pretrain_config=self.pretrain_config,
                       checkpoint=self.checkpoint,
                       seeds=list(self.settings.seeds),
                       val_fraction=self.settings.val_fraction,
                       linear_protocol=self.settings.linear_protocol,
                       protocols={})
        os.makedirs(self.work_dir, exist_ok=True)
        for i, protocol in enumerate(protocols, 1):
            start = time.time()
            path = self.config_path(protocol)
            cfg = self.load_config(path)
            cached = protocol.kind == 'knn' or (
                protocol.kind == 'linear' and
                self.settings.linear_protocol == 'cached')
            if cached:
                runs = self.cached(protocol, cfg)
            else:
                runs = [self.run_config(protocol, cfg, seed)
                        for seed in self.settings.seeds]
            summary = summarize_runs(runs)
            results['protocols'][protocol.name] = dict(
                kind=protocol.kind, config=path, runs=runs,
                summary=summary, minutes=(time.time() - start) / 60,
                **({'fraction': protocol.fraction}
                   if protocol.fraction else {}))
            write_results(results, self.work_dir)
            shown = ', '.join(f'{k} {format_mean_std(v)}'
                              for k, v in summary.items())
            self.log(f'[{i}/{len(protocols)}] {protocol.name}: {shown} '
                     f'({len(runs)} run(s), {(time.time() - start) / 60:.1f}'
                     f' min; {osp.basename(path)})')
        return results


def run_benchmark(pretrain_config: str, checkpoint: str,
                  protocols, work_dir: str,
                  settings: Optional[BenchmarkSettings] = None,
                  log: Callable[[str], None] = print) -> dict:
    """Run ``protocols`` (a list of :class:`Protocol` or their
    comma-separated names) for ``checkpoint`` of ``pretrain_config``.

    Every protocol's benchmark config is found (and its encoder checked
    against the pretraining config's) before anything runs, so a missing
    config or a layout mismatch fails at once.

    Returns:
        dict: The content of ``results.json`` (see :mod:`.results`).
    """
    if isinstance(protocols, str):
        protocols = parse_protocols(protocols)
    if not osp.isfile(checkpoint):
        raise FileNotFoundError(f'checkpoint {checkpoint} not found')
    bench = _Benchmark(pretrain_config, checkpoint, work_dir,
                       settings or BenchmarkSettings(), log)
    for protocol in protocols:
        bench.config_path(protocol)
    return bench.run(protocols)
