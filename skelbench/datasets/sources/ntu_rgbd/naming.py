"""NTU RGB+D 60 / 120 sample names, tasks and benchmark splits.

Sample names ``SsssCcccPpppRrrrAaaa`` give the setup, camera, performer,
replication and action (all 1-based). Benchmarks: ``xsub`` (training
performers :data:`NTU120_XSUB_TRAIN`), ``xview`` (cameras 2, 3 train;
NTU60 only) and ``xset`` (even setups train; NTU120 only).
"""
import os.path as osp
import re
from typing import Dict, List, Sequence

NTU_NAME_RE = re.compile(r'S(\d{3})C(\d{3})P(\d{3})R(\d{3})A(\d{3})')

NTU60_XSUB_TRAIN = (1, 2, 4, 5, 8, 9, 13, 14, 15, 16, 17, 18, 19, 25, 27,
                    28, 31, 34, 35, 38)
NTU120_XSUB_TRAIN = NTU60_XSUB_TRAIN + (
    45, 46, 47, 49, 50, 52, 53, 54, 55, 56, 57, 58, 59, 70, 74, 78, 80, 81,
    82, 83, 84, 85, 86, 89, 91, 92, 93, 94, 95, 97, 98, 100, 103)
NTU60_XVIEW_TRAIN = (2, 3)

#: Benchmarks of each task, in split order.
NTU_BENCHMARKS = dict(ntu60=('xsub', 'xview'), ntu120=('xsub', 'xset'))
NTU_NUM_CLASSES = dict(ntu60=60, ntu120=120)


def parse_ntu_name(name: str) -> dict:
    """Metadata of a sample name ``SsssCcccPpppRrrrAaaa``.

    Returns:
        dict: ``setup``, ``camera``, ``subject`` (the performer),
        ``replication``, ``action`` (1-based), ``label`` (``action - 1``),
        ``view`` (= camera) and ``performance`` (``SsssPpppRrrrAaaa``: the
        same for the camera views of one performance).

    Raises:
        ValueError: If the name does not contain such an id.
    """
    m = NTU_NAME_RE.search(osp.basename(name))
    if m is None:
        raise ValueError(f'{name!r} is not an NTU sample name '
                         '(SsssCcccPpppRrrrAaaa)')
    s, c, p, r, a = (int(g) for g in m.groups())
    return dict(setup=s, camera=c, view=c, subject=p, replication=r,
                action=a, label=a - 1,
                performance=f'S{s:03d}P{p:03d}R{r:03d}A{a:03d}')


def ntu_sample_id(name: str) -> str:
    """The ``SsssCcccPpppRrrrAaaa`` part of a file or sample name."""
    m = NTU_NAME_RE.search(osp.basename(name))
    if m is None:
        raise ValueError(f'{name!r} is not an NTU sample name')
    return m.group(0)


def in_task(name: str, task: str) -> bool:
    """Whether sample ``name`` belongs to ``task`` (``'ntu60'``: setups
    1-17 and actions 1-60; ``'ntu120'``: all)."""
    meta = parse_ntu_name(name)
    if task == 'ntu60':
        return meta['setup'] <= 17 and meta['action'] <= 60
    if task == 'ntu120':
        return True
    raise ValueError(f"task must be 'ntu60' or 'ntu120', got {task!r}")


def ntu_split_of(name: str, benchmark: str) -> str:
    """``'train'`` or ``'val'`` of sample ``name`` in ``benchmark``.

    ``xsub``: training performers (:data:`NTU120_XSUB_TRAIN`, which
    contains the NTU60 list); ``xview``: cameras 2, 3 train; ``xset``:
    even setups train.
    """
    meta = parse_ntu_name(name)
    if benchmark == 'xsub':
        train = meta['subject'] in NTU120_XSUB_TRAIN
    elif benchmark == 'xview':
        train = meta['camera'] in NTU60_XVIEW_TRAIN
    elif benchmark == 'xset':
        train = meta['setup'] % 2 == 0
    else:
        raise ValueError(f'unknown NTU benchmark {benchmark!r}; use xsub, '
                         'xview or xset')
    return 'train' if train else 'val'


def ntu_splits(names: Sequence[str], task: str) -> Dict[str, List[str]]:
    """The ``{'xsub_train': [...], 'xsub_val': [...], ...}`` splits of
    ``names`` for ``task`` (``ntu60``: xsub, xview; ``ntu120``: xsub,
    xset), in the order of ``names``."""
    splits = {}
    for bench in NTU_BENCHMARKS[task]:
        splits[f'{bench}_train'] = []
        splits[f'{bench}_val'] = []
        for n in names:
            splits[f'{bench}_{ntu_split_of(n, bench)}'].append(n)
    return splits


def read_name_list(path: str) -> List[str]:
    """Sample names of a list file (one a line; blank lines, ``#``
    comments and ``.skeleton`` suffixes ignored)."""
    names = []
    with open(path) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                names.append(ntu_sample_id(line))
    return names
