"""skelbench's Runner: mmengine's, made safe on CPU-only machines and
against checkpoints that do not fit or do not survive a kill."""
import copy
import glob
import os.path as osp
import re
from typing import List, Optional

import torch
from mmengine.dist import master_only
from mmengine.model import is_model_wrapper
from mmengine.optim import OptimWrapperDict
from mmengine.runner import Runner
from mmengine.runner.checkpoint import (_load_checkpoint,
                                        _load_checkpoint_to_model,
                                        find_latest_checkpoint)

from skelbench.checkpoint import (CheckpointMismatchError, atomic_target,
                                  checkpoint_types, model_type_mismatch,
                                  optimizer_mismatches, remove_partial_files,
                                  state_dict_mismatches)
from skelbench.models.utils.sync_batchnorm import \
    convert_allreduce_batchnorm
from skelbench.registry import RUNNERS

from .compile import compile_submodules
from .distributed import adapt_cfg_to_device, init_distributed
from .hooks.non_finite_check_hook import NonFiniteCheckHook

_STEP_FILE = re.compile(r'^(epoch|iter)_(\d+)\.pth$')


@RUNNERS.register_module()
class SkeletonRunner(Runner):
    """:class:`mmengine.runner.Runner` with skelbench's environment fixes.

    Selected by ``runner_type = 'SkeletonRunner'`` (set in
    ``configs/_base_/default_runtime.py``) and built with
    ``RUNNERS.build(cfg)`` as ``tools/train.py`` does. Differences:

    * distributed runs without CUDA initialise a gloo process group and
      wrap the model in DDP with ``device_ids=None``; ``sync_bn`` there
      converts the BatchNorm layers to
      :class:`~skelbench.models.utils.AllReduceBatchNorm` (torch's
      SyncBatchNorm needs CUDA);
    * a dataloader with ``num_workers=0`` and ``persistent_workers=True``
      (a DataLoader error) runs with ``persistent_workers=False``;
    * :class:`~skelbench.engine.hooks.NonFiniteCheckHook` is registered in
      every run (unless ``custom_hooks`` has one): a non-finite loss stops
      training, and no checkpoint with non-finite weights is written;
    * checkpoints are written atomically (temporary file in the same
      directory, ``fsync``, rename), so a killed run never leaves a
      truncated ``epoch_N.pth``; their ``meta`` records the model and
      optimizer classes;
    * ``load_from``, ``resume`` and ``tools/test.py --checkpoint`` check
      the checkpoint against the model (and, when resuming, the
      optimizer) before loading anything: missing or unexpected keys,
      shape mismatches, another algorithm, other optimizer parameter
      groups raise one :class:`~skelbench.checkpoint.CheckpointMismatchError`
      listing every difference;
    * ``compile = True`` (or a dict, see
      :func:`~skelbench.engine.compile.compile_submodules`) compiles the
      model's backbone and neck in place with ``torch.compile``, so
      checkpoint keys and resume are unaffected;
    * auto-resume takes the newest complete ``epoch_N.pth`` / ``iter_N.pth``
      of the work dir when ``last_checkpoint`` is empty or names a file
      that no longer exists.
    """

    @classmethod
    def from_cfg(cls, cfg) -> 'SkeletonRunner':
        cfg = copy.deepcopy(cfg)
        adapt_cfg_to_device(cfg)
        return super().from_cfg(cfg)

    def setup_env(self, env_cfg: dict) -> None:
        if self.distributed and not torch.distributed.is_initialized():
            dist_cfg = dict(env_cfg.get('dist_cfg', {}))
            init_distributed(self.launcher,
                             backend=dist_cfg.get('backend', 'nccl'),
                             timeout=dist_cfg.get('timeout', 1800))
        super().setup_env(env_cfg)

    def wrap_model(self, model_wrapper_cfg, model):
        if self.distributed and not torch.cuda.is_available():
            model_wrapper_cfg = dict(model_wrapper_cfg or dict(
                type='MMDistributedDataParallel', broadcast_buffers=False,
                find_unused_parameters=self.cfg.get(
                    'find_unused_parameters', False)))
            model_wrapper_cfg['device_ids'] = None
            sync_bn = self.cfg.get('sync_bn', None)
            if sync_bn is not None:
                # torch's SyncBatchNorm needs CUDA: the all-reduce BN runs
                # on gloo; mmengine must not convert it again
                if sync_bn not in ('torch', 'mmcv'):
                    raise ValueError("cfg.sync_bn must be 'torch' or "
                                     f"'mmcv', got {sync_bn!r}")
                model = convert_allreduce_batchnorm(model)
                self.logger.info('sync_bn on a CPU-only distributed run: '
                                 'BatchNorm statistics are all-reduced over '
                                 'processes (AllReduceBatchNorm)')
                self.cfg.sync_bn = None
                try:
                    return super().wrap_model(model_wrapper_cfg, model)
                finally:
                    self.cfg.sync_bn = sync_bn
        return super().wrap_model(model_wrapper_cfg, model)

    @staticmethod
    def build_dataloader(dataloader, seed=None, diff_rank_seed=False):
        if isinstance(dataloader, dict) and \
                dataloader.get('num_workers', 0) == 0 and \
                dataloader.get('persistent_workers', False):
            dataloader = copy.copy(dataloader)
            dataloader['persistent_workers'] = False
        return Runner.build_dataloader(dataloader, seed=seed,
                                       diff_rank_seed=diff_rank_seed)

    def _maybe_compile(self, target: str) -> None:
        compile_cfg = self.cfg.get('compile', None)
        if compile_cfg is None or compile_cfg is False:
            return
        names = compile_submodules(self._unwrapped_model(), compile_cfg)
        names = [n or 'the whole model' for n in names]
        self.logger.info(f'torch.compile: {", ".join(names)} (the first '
                         'iterations are slow while it compiles)')

    # ------------------------------------------------------------------
    # hooks
    def register_hooks(self, default_hooks=None, custom_hooks=None) -> None:
        super().register_hooks(default_hooks, custom_hooks)
        if not any(isinstance(h, NonFiniteCheckHook) for h in self._hooks):
            self.register_hook(NonFiniteCheckHook())

    # ------------------------------------------------------------------
    # saving
    def _unwrapped_model(self) -> torch.nn.Module:
        return self.model.module if is_model_wrapper(self.model) \
            else self.model

    def _optimizer_types(self):
        wrapper = getattr(self, 'optim_wrapper', None)
        if isinstance(wrapper, OptimWrapperDict):
            return {name: type(w.optimizer).__name__
                    for name, w in wrapper.optim_wrappers.items()}
        optimizer = getattr(wrapper, 'optimizer', None)
        return type(optimizer).__name__ if optimizer is not None else None

    @master_only
    def save_checkpoint(self, out_dir: str, filename: str,
                        file_client_args: Optional[dict] = None,
                        save_optimizer: bool = True,
                        save_param_scheduler: bool = True,
                        meta: Optional[dict] = None, by_epoch: bool = True,
                        backend_args: Optional[dict] = None) -> None:
        """mmengine's ``save_checkpoint``, written atomically for local
        paths, with ``meta['model_type']`` / ``meta['optimizer_type']``."""
        if meta is not None and not isinstance(meta, dict):
            raise TypeError(
                f'meta should be a dict or None, but got {type(meta)}')
        meta = dict(meta or {})
        meta.setdefault('model_type', type(self._unwrapped_model()).__name__)
        if save_optimizer:
            meta.setdefault('optimizer_type', self._optimizer_types())
        local = file_client_args is None and '://' not in str(out_dir) and (
            backend_args is None
            or backend_args.get('backend', 'local') == 'local')
        kwargs = dict(file_client_args=file_client_args,
                      save_optimizer=save_optimizer,
                      save_param_scheduler=save_param_scheduler, meta=meta,
                      by_epoch=by_epoch, backend_args=backend_args)
        if not local:
            super().save_checkpoint(out_dir, filename, **kwargs)
            self.last_saved_checkpoint = osp.join(out_dir, filename)
            return
        remove_partial_files(out_dir)
        path = osp.join(out_dir, filename)
        with atomic_target(path) as tmp:
            super().save_checkpoint(osp.dirname(tmp), osp.basename(tmp),
                                    **kwargs)
        self.last_saved_checkpoint = path

    # ------------------------------------------------------------------
    # loading
    def _optimizer_problems(self, checkpoint: dict) -> List[str]:
        saved = checkpoint.get('optimizer')
        wrapper = getattr(self, 'optim_wrapper', None)
        if saved is None or wrapper is None or isinstance(wrapper, dict):
            return []
        types = checkpoint_types(checkpoint)['optimizer']
        if isinstance(wrapper, OptimWrapperDict):
            names, saved_names = set(wrapper.optim_wrappers), set(saved)
            if names != saved_names:
                return [f'optimizers: the checkpoint has '
                        f'{sorted(saved_names)}, the config '
                        f'{sorted(names)}']
            problems = []
            for name, w in wrapper.optim_wrappers.items():
                problems += [f'{name}: {p}' for p in optimizer_mismatches(
                    w.optimizer, saved[name],
                    types.get(name) if isinstance(types, dict) else None)]
            return problems
        return optimizer_mismatches(wrapper.optimizer, saved,
                                    types if isinstance(types, str) else None)

    def check_checkpoint(self, filename: str, checkpoint: dict,
                         revise_keys=((r'^module.', ''), ),
                         with_optimizer: bool = False) -> None:
        """Raise :class:`CheckpointMismatchError` unless ``checkpoint``
        fits the model (and with ``with_optimizer`` the optimizer)."""
        model = self._unwrapped_model()
        state = checkpoint.get('state_dict', checkpoint)
        if not isinstance(state, dict):
            raise CheckpointMismatchError(
                filename, f'the {type(model).__name__} of this config',
                ['the checkpoint holds no state_dict'])
        for pattern, repl in revise_keys:
            state = {re.sub(pattern, repl, k): v for k, v in state.items()}
        problems = []
        mismatch = model_type_mismatch(model, checkpoint)
        if mismatch:
            problems.append(mismatch)
        problems += state_dict_mismatches(model.state_dict(), state)
        if with_optimizer:
            problems += self._optimizer_problems(checkpoint)
        if problems:
            raise CheckpointMismatchError(
                filename, f'the {type(model).__name__} of this config',
                problems)

    def load_checkpoint(self, filename: str, map_location='cpu',
                        strict: bool = False,
                        revise_keys: list = [(r'^module.', '')]):
        """mmengine's ``load_checkpoint``, refusing a checkpoint that does
        not fit (:meth:`check_checkpoint`) before loading anything."""
        checkpoint = _load_checkpoint(filename, map_location=map_location)
        self.call_hook('after_load_checkpoint', checkpoint=checkpoint)
        self.check_checkpoint(
            filename, checkpoint, revise_keys,
            with_optimizer=getattr(self, '_checking_optimizer', False))
        checkpoint = _load_checkpoint_to_model(
            self._unwrapped_model(), checkpoint, strict,
            revise_keys=revise_keys)
        self._has_loaded = True
        self.logger.info(f'Load checkpoint from {filename}')
        return checkpoint

    def resume(self, filename: str, resume_optimizer: bool = True,
               resume_param_scheduler: bool = True,
               map_location='default') -> None:
        self._checking_optimizer = resume_optimizer
        try:
            super().resume(filename, resume_optimizer,
                           resume_param_scheduler, map_location)
        finally:
            self._checking_optimizer = False

    def latest_checkpoint(self) -> Optional[str]:
        """The checkpoint auto-resume continues from: the file that
        ``last_checkpoint`` names, or, when it is empty or names a missing
        file, the newest ``epoch_N.pth`` / ``iter_N.pth`` of the work dir
        (``None`` when there is none)."""
        last = None
        if osp.isfile(osp.join(self.work_dir, 'last_checkpoint')):
            last = find_latest_checkpoint(self.work_dir)
            if last and osp.isfile(last):
                return last
        steps = []
        for path in glob.glob(osp.join(glob.escape(self.work_dir), '*.pth')):
            match = _STEP_FILE.match(osp.basename(path))
            if match:
                steps.append((int(match.group(2)), path))
        if not steps:
            return None
        newest = max(steps)[1]
        self.logger.warning(
            f'last_checkpoint of {self.work_dir} names '
            f'{last!r}, which does not exist; resuming from the newest '
            f'checkpoint file {newest}' if last is not None else
            f'{self.work_dir} has no last_checkpoint; resuming from the '
            f'newest checkpoint file {newest}')
        return newest

    def load_or_resume(self) -> None:
        if self._has_loaded:
            return None
        if self._resume and self._load_from is None:
            resume_from = self.latest_checkpoint()
            self.logger.info(
                f'Auto resumed from the latest checkpoint {resume_from}.')
            if resume_from is not None:
                self.resume(resume_from)
                self._has_loaded = True
            return None
        return super().load_or_resume()
