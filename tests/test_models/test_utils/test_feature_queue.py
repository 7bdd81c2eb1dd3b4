import pytest
import torch

from skelbench.models.utils import feature_queue as fq
from skelbench.models.utils.feature_queue import FeatureQueue


def test_enqueue_wraps_and_ptr():
    q = FeatureQueue(5, 2)
    assert q.queue.shape == (5, 2)
    torch.testing.assert_close(q.queue.norm(dim=1), torch.ones(5))
    k1 = torch.arange(6.).reshape(3, 2)
    q.enqueue(k1)
    torch.testing.assert_close(q.queue[:3], k1)
    assert int(q.ptr) == 3
    k2 = 10 + torch.arange(6.).reshape(3, 2)
    q.enqueue(k2)
    torch.testing.assert_close(q.queue[3:], k2[:2])
    torch.testing.assert_close(q.queue[0], k2[2])
    assert int(q.ptr) == 1
    with pytest.raises(ValueError):
        q.enqueue(torch.zeros(2, 3))


def test_state_dict_resume():
    q = FeatureQueue(4, 3)
    q.enqueue(torch.ones(3, 3))
    state = q.state_dict()
    assert set(state) == {'queue', 'ptr'}
    r = FeatureQueue(4, 3)
    r.load_state_dict(state)
    k = torch.full((2, 3), 2.)
    q.enqueue(k)
    r.enqueue(k)
    torch.testing.assert_close(q.queue, r.queue)
    assert int(q.ptr) == int(r.ptr) == 1


def test_gathers_keys_of_all_ranks(monkeypatch):
    """Under DDP the keys of every rank (rank order) are enqueued."""
    other = torch.full((2, 2), 7.)
    monkeypatch.setattr(fq, 'get_world_size', lambda: 2)
    monkeypatch.setattr(fq, 'all_gather', lambda x: [x, other])
    q = FeatureQueue(8, 2)
    mine = torch.ones(2, 2)
    q.enqueue(mine)
    torch.testing.assert_close(q.queue[:2], mine)
    torch.testing.assert_close(q.queue[2:4], other)
    assert int(q.ptr) == 4
    q.enqueue(mine, gather=False)
    assert int(q.ptr) == 6
