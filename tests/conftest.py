"""Shared fixtures: the real NW-UCLA release and small generated data."""
import os
import os.path as osp
import pickle

import numpy as np
import pytest

from skelbench.utils import register_all_modules

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
NW_UCLA_ROOT = os.environ.get(
    'SKELBENCH_NW_UCLA',
    osp.join(osp.dirname(REPO_ROOT), 'shared', 'data', 'nw-ucla'))

register_all_modules()


def free_port() -> int:
    """A free TCP port of 127.0.0.1, for a gloo group of test processes."""
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def load_tool(rel_path: str):
    """Import a script of ``tools/`` (``rel_path`` below it) by path."""
    import importlib.util
    path = osp.join(REPO_ROOT, 'tools', rel_path)
    name = 'tool_' + osp.splitext(rel_path)[0].replace('/', '_')
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope='session')
def nw_ucla_root():
    """Path of the NW-UCLA ``all_sqe`` release (``../shared/data``)."""
    if not osp.isdir(osp.join(NW_UCLA_ROOT, 'all_sqe')):
        if os.environ.get('CI'):
            raise RuntimeError(f'NW-UCLA data missing at {NW_UCLA_ROOT}')
        pytest.skip(f'NW-UCLA data not found at {NW_UCLA_ROOT}')
    return NW_UCLA_ROOT


def make_annotations(num=12, num_classes=3, M=2, T=20, V=25, C=3, seed=0):
    """Small random standard annotations with xsub-like splits."""
    rng = np.random.default_rng(seed)
    annos = []
    for i in range(num):
        annos.append(dict(
            frame_dir=f'S001C001P{i % 4 + 1:03d}R001A{i % num_classes + 1:03d}'
            f'_{i}',
            label=i % num_classes,
            keypoint=rng.normal(size=(M, T, V, C)).astype(np.float32),
            total_frames=T, subject=i % 4 + 1))
    split = dict(
        train=[a['frame_dir'] for a in annos if a['subject'] <= 2],
        val=[a['frame_dir'] for a in annos if a['subject'] > 2])
    return dict(split=split, annotations=annos)


@pytest.fixture
def ann_file(tmp_path):
    """Write :func:`make_annotations` to a pickle; returns its path."""
    path = tmp_path / 'anno.pkl'
    with open(path, 'wb') as f:
        pickle.dump(make_annotations(), f)
    return str(path)
