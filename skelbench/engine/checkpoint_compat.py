"""mmengine's checkpoint loading through skelbench's safe loader.

torch >= 2.6 loads with ``weights_only=True`` by default and mmengine
<= 0.10.7 calls ``torch.load`` without arguments, so resuming a Runner
checkpoint fails on ``mmengine.logging.history_buffer.HistoryBuffer`` and
numpy objects stored in ``meta['message_hub']``. Instead of unpickling
arbitrary objects (``weights_only=False`` runs any code a malicious file
contains), :func:`patch_checkpoint_loader` registers
:func:`skelbench.checkpoint.safe_torch_load` (``weights_only=True`` plus
exactly the types mmengine writes) for local paths in mmengine's
:class:`CheckpointLoader`; it runs when skelbench is imported.
"""
from skelbench.checkpoint.safe_load import (allowed_checkpoint_globals,
                                            safe_torch_load)

__all__ = ['patch_checkpoint_loader', 'safe_torch_load',
           'allowed_checkpoint_globals']

_PATCHED = False


def patch_checkpoint_loader() -> None:
    """Make mmengine load local checkpoints through :func:`safe_torch_load`.

    Idempotent. Affects ``Runner.resume``, ``load_from`` and
    ``mmengine.runner.load_checkpoint`` for local paths.
    """
    global _PATCHED
    if _PATCHED:
        return
    from mmengine.runner.checkpoint import CheckpointLoader

    @CheckpointLoader.register_scheme(prefixes='', force=True)
    def load_from_local(filename, map_location):
        return safe_torch_load(filename, map_location=map_location)

    _PATCHED = True
