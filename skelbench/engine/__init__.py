"""Engine: the Runner, hooks, optimizer constructors, distributed set-up
and mmengine's checkpoint loader patch. Sits above ``models`` and
``evaluation``."""
from .checkpoint_compat import (patch_checkpoint_loader, safe_torch_load,
                                allowed_checkpoint_globals)
from .distributed import (adapt_cfg_to_device, init_distributed,
                          shutdown_distributed)
from .hooks import *  # noqa: F401,F403
from .optimizers import *  # noqa: F401,F403
from .precision import PrecisionChoice, select_precision, set_precision
from .runner import SkeletonRunner

__all__ = ['patch_checkpoint_loader', 'safe_torch_load',
           'allowed_checkpoint_globals', 'adapt_cfg_to_device',
           'init_distributed', 'shutdown_distributed', 'SkeletonRunner',
           'PrecisionChoice', 'select_precision', 'set_precision']
