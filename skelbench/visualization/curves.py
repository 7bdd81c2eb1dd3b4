"""Training curves from a work dir's mmengine logs."""
import glob
import json
import os.path as osp
from typing import Dict, List, Optional, Sequence


def find_scalar_logs(work_dir: str) -> List[str]:
    """``<work_dir>/<timestamp>/vis_data/scalars.json`` files, oldest
    first (a resumed run writes one per start)."""
    files = sorted(glob.glob(osp.join(work_dir, '*', 'vis_data',
                                      'scalars.json')))
    if not files:
        raise FileNotFoundError(
            f'{work_dir}: no */vis_data/scalars.json (is it an mmengine work '
            'dir with LocalVisBackend, the default of default_runtime.py?)')
    return files


def read_scalars(files: Sequence[str]) -> Dict[str, List[tuple]]:
    """``{key: [(step, value), ...]}`` of every numeric logged scalar.

    Training records (with ``iter``) are keyed by ``step`` = iteration;
    validation records by ``step`` = epoch (or iteration), key prefixed
    ``val/``. Later files override earlier ones at the same step (resume).
    """
    series: Dict[str, dict] = {}
    for fname in files:
        with open(fname) as f:
            for n, line in enumerate(f, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    raise ValueError(f'{fname}:{n}: not JSON ({e})') from None
                step = rec.get('step')
                if step is None:
                    continue
                is_train = 'iter' in rec or 'lr' in rec
                for k, v in rec.items():
                    if k in ('step', 'epoch', 'iter', 'time', 'data_time',
                             'memory', 'eta') or \
                            not isinstance(v, (int, float)):
                        continue
                    key = k if is_train else f'val/{k}'
                    series.setdefault(key, {})[step] = float(v)
    return {k: sorted(v.items()) for k, v in series.items()}


def plot_curves(series: Dict[str, List[tuple]], out_file: str,
                keys: Optional[Sequence[str]] = None,
                title: Optional[str] = None) -> str:
    """One panel per key (default: every loss and validation metric)."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    if keys is None:
        keys = [k for k in series if 'loss' in k or k.startswith('val/')]
    keys = [k for k in keys if k in series]
    if not keys:
        raise ValueError(f'no curves to plot; logged keys: {sorted(series)}')
    cols = min(3, len(keys))
    rows = (len(keys) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4.5 * cols, 3.2 * rows),
                             dpi=100, squeeze=False)
    for ax, key in zip(axes.flat, keys):
        steps, values = zip(*series[key])
        ax.plot(steps, values, lw=1)
        ax.set_title(key, fontsize=9)
        ax.set_xlabel('epoch' if key.startswith('val/') else 'iteration',
                      fontsize=8)
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(keys):]:
        ax.axis('off')
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(out_file)
    plt.close(fig)
    return out_file
