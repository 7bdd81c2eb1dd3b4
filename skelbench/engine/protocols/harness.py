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
  (no validation), ``tools/test.py`` on the last checkpoint; the recipe
  is the method's ``benchmarks/semi-Ppct_*_<data>.py`` where it has one
  (e.g. skeleton BYOL's frozen-then-slow encoder), else its fine-tune
  config;
* ``distill`` / ``distill-P``: per seed, the teacher fine-tuned as by
  ``finetune`` / ``semi-P`` (that protocol's run of this benchmark when it
  ran before, else a run in ``<protocol>/seed<k>/teacher/``; or the
  checkpoint of ``BenchmarkSettings.teacher``), then the student
  distilled from it with ``tools/train.py`` on the training split without
  labels (``distill``: with the held-out validation part, as
  ``finetune``; ``distill-P``: the whole split, no validation) and scored
  with ``tools/test.py``. The student's recipe is the method's
  ``benchmarks/distill_*_<data>.py`` config with the fine-tune config's
  model as its teacher, or, without one, :func:`.distill_from_finetune`
  (a student of the teacher's architecture, the fine-tune recipe).

Work dir layout: ``encoder.pth`` (the downstream encoder of the
checkpoint), ``<protocol>/seed<k>/`` (``config.py``, ``train.log``, the
training run, ``holdout_ids.json`` or ``subset_ids.json``, ``test_last/``,
``test_best/``; ``teacher/`` for a distillation's own teacher run),
``results.json``, ``results.md``.
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

from .benchmark_configs import NoFittingConfigError, find_benchmark_config
from .cached_probes import cache_features, cached_knn, cached_linear
from .downstream_config import (BEST_METRIC, distill_from_finetune,
                                teacher_model, with_holdout,
                                with_label_fraction, with_pretrained,
                                with_run_settings, with_teacher,
                                without_validation)
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
        teacher (str, optional): ``distill``: a fine-tuned teacher
            checkpoint (a training checkpoint of the distillation config's
            teacher, or without a distillation config of the fine-tune
            config) used instead of fine-tuning one.
        launcher (Launcher): How training and testing are started.
    """
    seeds: Sequence[int] = (0, )
    val_fraction: float = 0.1
    linear_protocol: str = 'cached'
    passes: int = 5
    feature_batch_size: int = 64
    benchmarks: Dict[str, str] = field(default_factory=dict)
    cfg_options: Dict[str, object] = field(default_factory=dict)
    teacher: Optional[str] = None
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
        # (protocol name, seed) -> run of the finetune / semi-P protocols
        # (and of the distillation teachers), for the teachers to reuse
        self.finished = {}

    # ------------------------------------------------------------------
    def config_path(self, protocol: Protocol) -> Optional[str]:
        """The protocol's benchmark config; ``distill``: None when the
        method has no distillation config (the student's recipe is then
        made of the fine-tune config); ``semi-P``: ``--benchmark
        semi-P=PATH``, else the method's own ``semi-Ppct`` recipe for the
        data, else the fine-tune config."""
        why_not_recipe = None
        if protocol.kind == 'semi':
            path, why_not_recipe = self.semi_recipe_path(protocol)
            if path is not None:
                return path
        try:
            return find_benchmark_config(
                self.pretrain_config, protocol.benchmark_kind,
                data=protocol.target, overrides=self.settings.benchmarks)
        except FileNotFoundError as e:
            if why_not_recipe is not None:
                raise FileNotFoundError(f'{protocol.name}: {why_not_recipe}'
                                        f'; and {e}') from None
            if protocol.kind != 'distill' or \
                    'distill' in self.settings.benchmarks:
                raise
            return None

    def semi_recipe_path(self, protocol: Protocol):
        """The semi-supervised recipe of ``protocol`` (``semi-P``): the
        command line's ``semi-P=PATH``, or the one config
        ``benchmarks/semi-Ppct_*_<data>.py`` taking the pretrained
        encoder. Returns ``(path, None)``, or ``(None, why)`` when there
        is none (``why``: recipes exist, none takes this encoder)."""
        named = self.settings.benchmarks.get(protocol.name)
        if named is not None:
            if not osp.isfile(named):
                raise FileNotFoundError(f'--benchmark {protocol.name}='
                                        f'{named}: no such file')
            return named, None
        try:
            return find_benchmark_config(self.pretrain_config,
                                         protocol.recipe_kind), None
        except FileNotFoundError:
            return None, None
        except NoFittingConfigError as e:
            return None, str(e)

    def check_configs(self, protocol: Protocol) -> None:
        """Find every config the protocol runs (raises if one is
        missing or does not fit)."""
        path = self.config_path(protocol)
        if protocol.kind == 'distill' and (path is None or
                                           not self.settings.teacher):
            self.config_path(protocol.teacher)

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

    def run_config(self, protocol: Protocol, cfg: Config, seed: int,
                   run_dir: Optional[str] = None) -> dict:
        """Train ``cfg`` for ``protocol`` and ``seed`` (in ``run_dir``,
        default ``<protocol>/seed<k>``), test its last and best
        checkpoints."""
        run_dir = run_dir or osp.join(self.work_dir, protocol.name,
                                      f'seed{seed}')
        os.makedirs(run_dir, exist_ok=True)
        vf = self.settings.val_fraction
        if protocol.kind == 'semi':
            cfg = with_label_fraction(
                cfg, protocol.fraction, seed,
                save_file=osp.join(run_dir, 'subset_ids.json'))
        elif vf and not (protocol.kind == 'distill' and protocol.fraction):
            cfg = with_holdout(cfg, vf, seed, save_file=osp.join(
                run_dir, 'holdout_ids.json'))
        else:
            # distill-P: the teacher saw P % of the labels; a labelled
            # validation part would use more
            cfg = without_validation(cfg)
        if protocol.kind == 'scratch':
            cfg.model.backbone.init_cfg = None
            paramwise = cfg.optim_wrapper.get('paramwise_cfg') or {}
            if 'layer_decay_rate' in paramwise:
                paramwise['layer_decay_rate'] = 1.0
        elif protocol.kind != 'distill':  # the student starts at random
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
    def teacher(self, protocol: Protocol, seed: int) -> dict:
        """``checkpoint`` (and ``test``: its test top-1) of the teacher
        of distillation ``protocol`` for ``seed``: the best-on-validation
        checkpoint of its fine-tuning when it has one, else the last."""
        if self.settings.teacher:
            return dict(checkpoint=self.settings.teacher, test=None,
                        source='given')
        spec = protocol.teacher
        key = (spec.name, seed)
        if key in self.finished:
            source = f'the {spec.name} run of this benchmark'
        else:
            cfg = self.load_config(self.config_path(spec))
            run_dir = osp.join(self.work_dir, protocol.name, f'seed{seed}',
                               'teacher')
            self.finished[key] = self.run_config(spec, cfg, seed, run_dir)
            source = f'fine-tuned in {run_dir} as by {spec.name}'
        run = self.finished[key]
        if run.get('checkpoint_best'):
            return dict(checkpoint=run['checkpoint_best'],
                        test=run.get('test_at_best_val'), source=source)
        return dict(checkpoint=run['checkpoint_last'], test=run.get('last'),
                    source=source)

    def distill_config(self, protocol: Protocol) -> Config:
        """The student's run config of a distillation protocol (teacher
        checkpoint still to be set)."""
        path = self.config_path(protocol)
        finetune = None
        if path is None or not self.settings.teacher:
            finetune = self.load_config(self.config_path(protocol.teacher))
        if path is None:
            return distill_from_finetune(finetune)
        cfg = self.load_config(path)
        if finetune is not None:
            # the teacher is the model its fine-tuning trained
            cfg = with_teacher(cfg, None, teacher_model(finetune))
        return cfg

    def distill(self, protocol: Protocol, seed: int) -> dict:
        cfg = self.distill_config(protocol)
        teacher = self.teacher(protocol, seed)
        cfg = with_teacher(cfg, teacher['checkpoint'])
        run = self.run_config(protocol, cfg, seed)
        run.update(teacher_checkpoint=teacher['checkpoint'],
                   teacher_test=teacher['test'],
                   teacher_source=teacher['source'])
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
            extra = {}
            if protocol.kind == 'distill':
                runs = [self.distill(protocol, seed)
                        for seed in self.settings.seeds]
                if path is None:
                    path = self.config_path(protocol.teacher)
                    extra['student'] = ('the teacher\'s architecture, '
                                        'fine-tune recipe (no distill '
                                        'config)')
                if not self.settings.teacher:
                    extra['teacher_config'] = self.config_path(
                        protocol.teacher)
            elif protocol.kind == 'knn' or (
                    protocol.kind == 'linear' and
                    self.settings.linear_protocol == 'cached'):
                runs = self.cached(protocol, self.load_config(path))
            else:
                cfg = self.load_config(path)
                runs = []
                for seed in self.settings.seeds:
                    runs.append(self.run_config(protocol, cfg, seed))
                    if protocol.kind in ('finetune', 'semi'):
                        self.finished[(protocol.name, seed)] = runs[-1]
            summary = summarize_runs(runs)
            results['protocols'][protocol.name] = dict(
                kind=protocol.kind, config=path, runs=runs,
                summary=summary, minutes=(time.time() - start) / 60,
                **({'fraction': protocol.fraction}
                   if protocol.fraction else {}), **extra)
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
    settings = settings or BenchmarkSettings()
    if settings.teacher:
        distill = [p.name for p in protocols if p.kind == 'distill']
        if not distill:
            raise ValueError('a teacher checkpoint is used by the distill '
                             'protocol only; none is listed')
        if any(p.fraction for p in protocols if p.kind == 'distill'):
            raise ValueError(
                'distill-P fine-tunes its teacher on P % of the labels; a '
                'given teacher checkpoint goes with the distill protocol')
        if not osp.isfile(settings.teacher):
            raise FileNotFoundError(
                f'teacher checkpoint {settings.teacher} not found')
    bench = _Benchmark(pretrain_config, checkpoint, work_dir, settings, log)
    for protocol in protocols:
        bench.check_configs(protocol)
    return bench.run(protocols)
