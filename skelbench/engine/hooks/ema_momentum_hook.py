"""Step the momentum (EMA) copies of an algorithm after optimizer steps."""
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from skelbench.registry import HOOKS


@HOOKS.register_module()
class MomentumUpdateHook(Hook):
    """Call ``model.momentum_update()`` after every optimizer step.

    S-JEPA updates its target encoder "after each iteration", Gong et al.
    their momentum encoder (MoCo); both are
    :class:`~skelbench.models.utils.ema.CosineMomentumEMA` copies listed
    by the algorithm's ``momentum_pairs``. With gradient accumulation the
    update follows the optimizer (``optim_wrapper.should_update()``), so
    it happens once per optimizer step. The copies' counters live in the
    model's state dict, so a resumed run continues the schedule exactly.
    Models without ``momentum_update`` are left alone.
    """

    priority = 'NORMAL'

    def after_train_iter(self, runner, batch_idx: int, data_batch=None,
                         outputs=None) -> None:
        model = runner.model
        if is_model_wrapper(model):
            model = model.module
        update = getattr(model, 'momentum_update', None)
        if not callable(update):
            return
        should = getattr(runner.optim_wrapper, 'should_update', None)
        if callable(should) and not should():
            return
        update()
