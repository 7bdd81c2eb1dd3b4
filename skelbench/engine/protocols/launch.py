"""Run ``tools/train.py`` / ``tools/test.py`` on a config, locally or
through the distributed launchers, and read back what they wrote."""
import glob
import json
import os
import os.path as osp
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Dict, List, Optional

__all__ = ['Launcher', 'read_test_metrics', 'last_and_best_checkpoints']

TOOLS = osp.join(osp.dirname(osp.dirname(osp.dirname(osp.dirname(
    osp.abspath(__file__))))), 'tools')


@dataclass
class Launcher:
    """How a protocol's training and testing are started.

    Attributes:
        kind (str): ``none`` (``python tools/train.py``), ``pytorch``
            (``tools/dist_train.sh CONFIG NPROCS``) or ``slurm``
            (``tools/slurm_train.sh PARTITION JOB CONFIG``).
        nprocs (int): Processes of a ``pytorch`` launch.
        partition (str, optional): The slurm partition.
        tools_dir (str): Where ``train.py`` and the launch scripts are.
        env (dict): Extra environment variables of the subprocesses.
    """
    kind: str = 'none'
    nprocs: int = 1
    partition: Optional[str] = None
    tools_dir: str = TOOLS
    env: Dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in ('none', 'pytorch', 'slurm'):
            raise ValueError(f"launcher must be none, pytorch or slurm, got "
                             f'{self.kind!r}')
        if self.kind == 'slurm' and not self.partition:
            raise ValueError('the slurm launcher needs a partition')
        if self.nprocs < 1:
            raise ValueError(f'nprocs must be >= 1, got {self.nprocs}')

    def _command(self, script: str, config: str, extra: List[str],
                 checkpoint: Optional[str] = None) -> List[str]:
        tool = osp.join(self.tools_dir, f'{script}.py')
        if not osp.isfile(tool):
            raise FileNotFoundError(
                f'{tool} not found: the harness runs the tools of a source '
                'checkout (pip install -e .); set Launcher.tools_dir')
        ckpt = [checkpoint] if checkpoint else []
        if self.kind == 'none':
            return [sys.executable, tool, config, *ckpt, *extra]
        if self.kind == 'pytorch':
            return ['bash', osp.join(self.tools_dir, f'dist_{script}.sh'),
                    config, *ckpt, str(self.nprocs), *extra]
        job = osp.splitext(osp.basename(config))[0]
        return ['bash', osp.join(self.tools_dir, f'slurm_{script}.sh'),
                self.partition, job, config, *ckpt, *extra]

    def train_command(self, config: str, work_dir: str,
                      extra: Optional[List[str]] = None) -> List[str]:
        """The command that trains ``config`` into ``work_dir``."""
        return self._command('train', config,
                             ['--work-dir', work_dir, *(extra or [])])

    def test_command(self, config: str, checkpoint: str, work_dir: str
                     ) -> List[str]:
        """The command that scores ``checkpoint`` on ``config``'s test
        split, logging into ``work_dir``."""
        return self._command('test', config, ['--work-dir', work_dir],
                             checkpoint=checkpoint)

    def run(self, command: List[str], log_file: str) -> None:
        """Run ``command``, its output into ``log_file``.

        Raises:
            RuntimeError: If it fails, with the end of its output.
        """
        os.makedirs(osp.dirname(osp.abspath(log_file)), exist_ok=True)
        env = dict(os.environ, **self.env)
        with open(log_file, 'w') as f:
            f.write(' '.join(command) + '\n')
            f.flush()
            code = subprocess.call(command, stdout=f,
                                   stderr=subprocess.STDOUT, env=env)
        if code != 0:
            with open(log_file) as f:
                tail = ''.join(f.readlines()[-15:])
            raise RuntimeError(f'{" ".join(command[:3])} ... failed (exit '
                               f'{code}); log {log_file}:\n{tail}')


def read_test_metrics(work_dir: str) -> Dict[str, float]:
    """The metrics of the newest test run logged in ``work_dir``
    (``<work_dir>/<timestamp>/<timestamp>.json``, written by mmengine's
    ``LoggerHook`` after a test epoch); timing entries are dropped.

    Raises:
        FileNotFoundError: If no test run was logged there.
    """
    logs = sorted(glob.glob(osp.join(work_dir, '*', '*.json')))
    if not logs:
        raise FileNotFoundError(f'no test metrics logged in {work_dir}')
    with open(logs[-1]) as f:
        lines = [ln for ln in f.read().splitlines() if ln.strip()]
    metrics = json.loads(lines[-1])
    return {k: float(v) for k, v in metrics.items()
            if k not in ('data_time', 'time', 'step')}


def last_and_best_checkpoints(work_dir: str):
    """``(last, best)`` checkpoint paths of a training work dir; ``best``
    is None when the run kept no ``best_*.pth``.

    Raises:
        FileNotFoundError: If the run left no last checkpoint.
    """
    pointer = osp.join(work_dir, 'last_checkpoint')
    last = None
    if osp.isfile(pointer):
        with open(pointer) as f:
            last = f.read().strip()
    if not last or not osp.isfile(last):
        epochs = sorted(glob.glob(osp.join(work_dir, 'epoch_*.pth')),
                        key=lambda p: int(p.rsplit('_', 1)[1][:-4]))
        last = epochs[-1] if epochs else None
    if last is None:
        raise FileNotFoundError(f'{work_dir}: the run left no checkpoint')
    best = sorted(glob.glob(osp.join(work_dir, 'best_*.pth')),
                  key=osp.getmtime)
    return last, (best[-1] if best else None)
