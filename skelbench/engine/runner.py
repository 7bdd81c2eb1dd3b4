"""skelbench's Runner: mmengine's, made safe on CPU-only machines."""
import copy

import torch
from mmengine.runner import Runner

from skelbench.registry import RUNNERS

from .distributed import adapt_cfg_to_device, init_distributed


@RUNNERS.register_module()
class SkeletonRunner(Runner):
    """:class:`mmengine.runner.Runner` with skelbench's environment fixes.

    Selected by ``runner_type = 'SkeletonRunner'`` (set in
    ``configs/_base_/default_runtime.py``) and built with
    ``RUNNERS.build(cfg)`` as ``tools/train.py`` does. Differences:

    * distributed runs without CUDA initialise a gloo process group and
      wrap the model in DDP with ``device_ids=None``;
    * a dataloader with ``num_workers=0`` and ``persistent_workers=True``
      (a DataLoader error) runs with ``persistent_workers=False``.
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
