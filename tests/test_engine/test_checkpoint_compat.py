import os
import pickle

import numpy as np
import pytest
import torch
from mmengine.logging.history_buffer import HistoryBuffer
from mmengine.runner.checkpoint import CheckpointLoader

from skelbench.engine import safe_torch_load


class Exploit:
    def __reduce__(self):
        return (os.system, ('echo pwned > /tmp/skelbench_pwned',))


def test_loads_mmengine_objects(tmp_path):
    buf = HistoryBuffer()
    buf.update(1.5)
    buf.update(np.float64(2.0))
    path = tmp_path / 'ok.pth'
    torch.save({'state_dict': {'w': torch.ones(2)},
                'message_hub': {'log_scalars': {'loss': buf},
                                'runtime_info': {'x': np.float32(3),
                                                 'arr': np.arange(3)}},
                'meta': {'seed': 0}}, path)
    ck = CheckpointLoader.load_checkpoint(str(path), map_location='cpu')
    assert ck['message_hub']['log_scalars']['loss'].mean() == 1.75
    assert np.array_equal(ck['message_hub']['runtime_info']['arr'],
                          np.arange(3))


def test_rejects_arbitrary_code(tmp_path):
    path = tmp_path / 'evil.pth'
    torch.save({'state_dict': {}, 'x': Exploit()}, path)
    with pytest.raises(RuntimeError, match='Refusing to load'):
        CheckpointLoader.load_checkpoint(str(path), map_location='cpu')
    assert not os.path.exists('/tmp/skelbench_pwned')


def test_getattr_is_restricted(tmp_path):
    class Sneaky:
        def __reduce__(self):
            return (getattr, (np.ndarray, 'tofile'))

    path = tmp_path / 'sneaky.pth'
    torch.save({'x': Sneaky()}, path)
    with pytest.raises(RuntimeError, match='Refusing to load'):
        safe_torch_load(path)


def test_truncated_and_missing(tmp_path):
    path = tmp_path / 'ok.pth'
    torch.save({'w': torch.ones(100)}, path)
    raw = path.read_bytes()
    bad = tmp_path / 'trunc.pth'
    bad.write_bytes(raw[:len(raw) // 2])
    with pytest.raises(RuntimeError, match='truncated'):
        safe_torch_load(bad)
    with pytest.raises(FileNotFoundError):
        safe_torch_load(tmp_path / 'missing.pth')
    plain = tmp_path / 'plain.pkl'
    plain.write_bytes(pickle.dumps({'a': 1}))
    with pytest.raises(RuntimeError):
        safe_torch_load(plain)
