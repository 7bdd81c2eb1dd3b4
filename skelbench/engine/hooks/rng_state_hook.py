"""Reproducible global random states across epochs and resumes."""
import random

import numpy as np
import torch
from mmengine.hooks import Hook
from mmengine.runner import EpochBasedTrainLoop

from skelbench.registry import HOOKS


def seed_everything(seed: int, epoch: int, rank: int) -> None:
    """Seed python, numpy and torch from ``(seed, epoch, rank)``."""
    state = np.random.SeedSequence([seed, epoch, rank]).generate_state(2)
    value = int(state[0]) << 32 | int(state[1])
    random.seed(value)
    np.random.seed(int(state[0]))
    torch.manual_seed(value)


@HOOKS.register_module()
class RNGStateHook(Hook):
    """Make dropout, drop-path and model-side masking draws resumable.

    * Epoch-based training: at the start of every training epoch the
      global python/numpy/torch generators are re-seeded from
      ``(seed, epoch, rank)``. An epoch's draws then do not depend on what
      ran before it (validation, a resume), so a run resumed from an epoch
      checkpoint continues exactly as the uninterrupted run.
    * Iteration-based training: the generator states are stored in each
      checkpoint (``checkpoint['rng_state']``, plain tensors and lists,
      loadable with ``weights_only=True``) and restored on resume.
    """

    priority = 'VERY_LOW'

    def before_train_epoch(self, runner) -> None:
        if isinstance(runner.train_loop, EpochBasedTrainLoop):
            seed = runner.seed if runner.seed is not None else 0
            seed_everything(seed, runner.epoch, runner.rank)

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        np_state = np.random.get_state(legacy=False)
        py_state = random.getstate()
        state = dict(
            world_size=runner.world_size,
            torch=torch.get_rng_state(),
            numpy=dict(key=torch.from_numpy(
                np.asarray(np_state['state']['key'], dtype=np.int64)),
                pos=int(np_state['state']['pos']),
                has_gauss=int(np_state['has_gauss']),
                gauss=float(np_state['gauss'])),
            python=[py_state[0], list(py_state[1]), py_state[2]])
        if torch.cuda.is_available():
            state['cuda'] = torch.cuda.get_rng_state_all()
        checkpoint['rng_state'] = state

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        state = checkpoint.get('rng_state')
        if state is None:
            return
        if state.get('world_size') != runner.world_size:
            runner.logger.warning(
                'RNGStateHook: the checkpoint was written with world size '
                f"{state.get('world_size')}, now {runner.world_size}; "
                'random states are not restored.')
            return
        torch.set_rng_state(state['torch'])
        np_state = state['numpy']
        np.random.set_state(dict(
            bit_generator='MT19937',
            state=dict(key=np_state['key'].numpy().astype(np.uint32),
                       pos=np_state['pos']),
            has_gauss=np_state['has_gauss'], gauss=np_state['gauss']))
        version, internal, gauss = state['python']
        random.setstate((version, tuple(internal), gauss))
        if 'cuda' in state and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(state['cuda'])
