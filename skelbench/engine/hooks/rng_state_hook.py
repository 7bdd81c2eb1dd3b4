"""Save and restore the global random states with each checkpoint."""
import random

import numpy as np
import torch
from mmengine.hooks import Hook

from skelbench.registry import HOOKS


@HOOKS.register_module()
class RNGStateHook(Hook):
    """Store python/numpy/torch RNG states in checkpoints; restore them on
    resume, so that dropout, drop-path and masking draws after a resume are
    those of an uninterrupted run.

    The states are saved as plain tensors and lists (loadable with
    ``weights_only=True``) under ``checkpoint['rng_state']``. Each rank
    stores its own torch state; on resume a rank takes its own when the
    world size is unchanged.
    """

    priority = 'VERY_LOW'

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        np_state = np.random.get_state(legacy=False)
        py_state = random.getstate()
        state = dict(
            rank=runner.rank,
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
