"""Distributed set-up that also works on CPU-only machines.

mmengine's ``init_dist`` calls ``torch.cuda.set_device`` and defaults to
NCCL, and its default DDP wrapper passes ``device_ids=[LOCAL_RANK]``: all
three fail without CUDA. :func:`init_distributed` creates a gloo process
group on CPU-only machines (torchrun / slurm environment variables), and
:func:`adapt_cfg_to_device` sets ``env_cfg.dist_cfg.backend='gloo'`` and a
DDP wrapper with ``device_ids=None`` in the config.
"""
import os
import subprocess
from datetime import timedelta

import torch
import torch.distributed as torch_dist


def _setup_slurm_env(port: int = 29500) -> None:
    """Derive torch.distributed variables from slurm's (``srun``)."""
    proc_id = int(os.environ['SLURM_PROCID'])
    ntasks = int(os.environ['SLURM_NTASKS'])
    node_list = os.environ['SLURM_NODELIST']
    if 'MASTER_ADDR' not in os.environ:
        addr = subprocess.getoutput(
            f'scontrol show hostname {node_list} | head -n1')
        os.environ['MASTER_ADDR'] = addr
    os.environ.setdefault('MASTER_PORT', str(port))
    os.environ['WORLD_SIZE'] = str(ntasks)
    os.environ['RANK'] = str(proc_id)
    ntasks_per_node = int(os.environ.get('SLURM_NTASKS_PER_NODE',
                                         ntasks).split('(')[0])
    os.environ['LOCAL_RANK'] = str(proc_id % max(ntasks_per_node, 1))


def init_distributed(launcher: str, backend: str = 'nccl',
                     timeout: int = 1800) -> None:
    """Initialise the default process group for ``launcher``.

    With CUDA this defers to :func:`mmengine.dist.init_dist` (NCCL by
    default); without CUDA it initialises a gloo group itself.

    Args:
        launcher (str): ``'none'``, ``'pytorch'`` (torchrun) or ``'slurm'``
            (``'mpi'`` is passed on to mmengine).
        backend (str): Backend to use when CUDA is available.
        timeout (int): Collective timeout in seconds.
    """
    if launcher == 'none' or torch_dist.is_initialized():
        return
    if torch.cuda.is_available():
        from mmengine.dist import init_dist
        init_dist(launcher, backend=backend, timeout=timeout)
        return
    if launcher == 'slurm':
        _setup_slurm_env()
    elif launcher != 'pytorch':
        raise ValueError(f'launcher {launcher!r} is not supported without '
                         "CUDA; use 'pytorch' (torchrun) or 'slurm'")
    for key in ('RANK', 'WORLD_SIZE', 'MASTER_ADDR', 'MASTER_PORT'):
        if key not in os.environ:
            raise RuntimeError(
                f'--launcher {launcher} needs the environment variable '
                f'{key}; start the job with tools/dist_train.sh (torchrun) '
                'or tools/slurm_train.sh')
    torch_dist.init_process_group(
        backend='gloo',
        rank=int(os.environ['RANK']),
        world_size=int(os.environ['WORLD_SIZE']),
        timeout=timedelta(seconds=timeout))


def adapt_cfg_to_device(cfg) -> None:
    """Make a Runner config usable on the current machine, in place.

    * CPU-only distributed runs: gloo backend and DDP with
      ``device_ids=None`` (the CUDA-only default ``[LOCAL_RANK]`` fails).
    * ``persistent_workers=True`` with ``num_workers=0`` (a DataLoader
      error) becomes ``persistent_workers=False``.
    """
    if cfg.get('launcher', 'none') != 'none' and \
            not torch.cuda.is_available():
        env_cfg = cfg.setdefault('env_cfg', {})
        dist_cfg = env_cfg.setdefault('dist_cfg', {})
        dist_cfg['backend'] = 'gloo'
        wrapper = cfg.get('model_wrapper_cfg', None)
        if wrapper is None:
            wrapper = dict(type='MMDistributedDataParallel',
                           broadcast_buffers=False,
                           find_unused_parameters=cfg.get(
                               'find_unused_parameters', False))
        wrapper['device_ids'] = None
        cfg['model_wrapper_cfg'] = wrapper
    for key in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        loader = cfg.get(key, None)
        if loader is not None and loader.get('num_workers', 0) == 0 and \
                loader.get('persistent_workers', False):
            loader['persistent_workers'] = False


def shutdown_distributed() -> None:
    """Wait for every rank, then destroy the default process group.

    Without it, gloo's background threads can still be alive when the
    interpreter exits and abort the process ("terminate called without an
    active exception", exit code -6) after a successful run.
    """
    if torch_dist.is_available() and torch_dist.is_initialized():
        torch_dist.barrier()
        torch_dist.destroy_process_group()
