"""Keep the encoder frozen during the first part of a fine-tuning run."""
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from skelbench.registry import HOOKS


@HOOKS.register_module()
class FreezeBackboneHook(Hook):
    """Freeze ``model.backbone`` for the first iterations of training.

    Skeleton BYOL's semi-supervised recipe (Moliner et al. §4.4): "the
    pre-trained encoder [is kept] frozen during the first third of the
    iterations"; afterwards it trains (with the config's
    ``paramwise_cfg.custom_keys={'backbone': dict(lr_mult=1e-3)}``). For
    iterations ``k < round(frozen_ratio * max_iters)`` (or ``k <
    frozen_iters``) the encoder's parameters get no gradient and its
    normalisation layers stay in eval mode; from then on both are
    restored. The state follows ``runner.iter``, so a resumed run is
    frozen exactly when the original was. Under DDP set
    ``find_unused_parameters=True`` (the frozen weights get no gradient).

    Args:
        frozen_ratio (float): Fraction of ``max_iters`` (BYOL: 1 / 3).
        frozen_iters (int, optional): Iterations instead of a fraction.
    """

    priority = 'NORMAL'

    def __init__(self, frozen_ratio: float = 1 / 3, frozen_iters=None):
        if frozen_iters is None and not 0 <= float(frozen_ratio) <= 1:
            raise ValueError(f'frozen_ratio must be in [0, 1], got '
                             f'{frozen_ratio}')
        if frozen_iters is not None and int(frozen_iters) < 0:
            raise ValueError(f'frozen_iters must be >= 0, got '
                             f'{frozen_iters}')
        self.frozen_ratio = float(frozen_ratio)
        self.frozen_iters = None if frozen_iters is None else \
            int(frozen_iters)
        self._frozen = None
        self._trainable = None

    def num_frozen(self, runner) -> int:
        if self.frozen_iters is not None:
            return self.frozen_iters
        return int(round(self.frozen_ratio * runner.max_iters))

    @staticmethod
    def _backbone(runner):
        model = runner.model
        if is_model_wrapper(model):
            model = model.module
        backbone = getattr(model, 'backbone', None)
        if backbone is None:
            raise AttributeError('FreezeBackboneHook: the model has no '
                                 'backbone')
        return backbone

    def before_train_iter(self, runner, batch_idx: int,
                          data_batch=None) -> None:
        backbone = self._backbone(runner)
        if self._trainable is None:
            # parameters the backbone itself trains (its own frozen stages
            # stay frozen after the warm-up)
            self._trainable = [p for p in backbone.parameters()
                               if p.requires_grad]
        frozen = runner.iter < self.num_frozen(runner)
        if frozen:
            for p in self._trainable:
                p.requires_grad_(False)
            backbone.eval()
        elif self._frozen:
            for p in self._trainable:
                p.requires_grad_(True)
            backbone.train(runner.model.training)
        self._frozen = frozen
