"""Stop a diverged training run before it saves non-finite weights."""
import math
import os.path as osp
from typing import Optional

import torch
from mmengine.hooks import Hook
from mmengine.runner import find_latest_checkpoint

from skelbench.registry import HOOKS


class TrainingDivergedError(RuntimeError):
    """A training loss term or the weights to be saved are not finite."""


def _value(value) -> Optional[float]:
    """A logged loss term as a float (``nan`` when any element of a
    tensor term is not finite); ``None`` for non-numeric values."""
    if isinstance(value, torch.Tensor):
        if value.numel() == 0:
            return None
        value = value.detach().float()
        if value.numel() == 1:
            return float(value)
        return float(value.mean()) if bool(torch.isfinite(value).all()) \
            else float('nan')
    if isinstance(value, (int, float)):
        return float(value)
    return None


@HOOKS.register_module()
class NonFiniteCheckHook(Hook):
    """Stop training at the first non-finite loss; never save NaN weights.

    * After every training iteration, every term of the loss dict whose
      name contains ``'loss'`` (mmengine's convention for the terms summed
      into the total, and the total ``loss`` itself) is checked; a NaN or
      infinite one raises :class:`TrainingDivergedError` naming the
      iteration, the term and its value, and the last checkpoint saved,
      before any later hook (checkpointing, logging) runs.
    * Before every checkpoint is written (``before_save_checkpoint``:
      ``epoch_N.pth``, ``iter_N.pth`` and ``best_*.pth`` alike), its
      ``state_dict`` is checked; a non-finite tensor raises the same error
      naming the tensors, so the file is not written and
      ``last_checkpoint`` keeps naming the previous one. This also covers
      the last iteration of an epoch, whose update may make the weights
      non-finite after a finite loss.

    ``SkeletonRunner`` registers this hook in every run unless the config
    lists one in ``custom_hooks``. The priority is ``'VERY_HIGH'``: it runs
    before every other ``after_train_iter``.
    """

    priority = 'VERY_HIGH'

    @staticmethod
    def last_checkpoint(runner) -> str:
        """The last checkpoint written, or a line saying there is none.

        ``SkeletonRunner`` records every file it finished writing
        (``last_saved_checkpoint``); other runners fall back to the
        work dir's ``last_checkpoint``.
        """
        last = getattr(runner, 'last_saved_checkpoint', None)
        work_dir = getattr(runner, 'work_dir', None)
        if not last and work_dir and osp.isfile(
                osp.join(work_dir, 'last_checkpoint')):
            last = find_latest_checkpoint(work_dir)
        return last or 'none (no checkpoint was saved in this run)'

    def after_train_iter(self, runner, batch_idx: int, data_batch=None,
                         outputs: Optional[dict] = None) -> None:
        if not outputs:
            return
        bad = []
        for name, value in outputs.items():
            if 'loss' not in name:
                continue
            number = _value(value)
            if number is not None and not math.isfinite(number):
                bad.append(f'{name} = {number}')
        if bad:
            raise TrainingDivergedError(
                f'Training diverged at iteration {runner.iter + 1} (epoch '
                f'{runner.epoch + 1}): non-finite loss term '
                f'{", ".join(bad)}. The run is stopped; no checkpoint of '
                f'these weights is saved. Last checkpoint saved: '
                f'{self.last_checkpoint(runner)}. Lower the learning rate, '
                'add gradient clipping (optim_wrapper.clip_grad) or check '
                'the inputs.')

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        state = checkpoint.get('state_dict') or {}
        bad = [k for k, v in state.items()
               if isinstance(v, torch.Tensor) and v.is_floating_point()
               and not bool(torch.isfinite(v).all())]
        if bad:
            meta = checkpoint.get('meta') or {}
            raise TrainingDivergedError(
                f'Training diverged by iteration {meta.get("iter", "?")} '
                f'(epoch {meta.get("epoch", "?")}): {len(bad)} tensors of '
                f'the model are non-finite, e.g. {bad[:5]}. The checkpoint '
                'is not saved and the run is stopped. Last checkpoint '
                f'saved: {self.last_checkpoint(runner)}.')
