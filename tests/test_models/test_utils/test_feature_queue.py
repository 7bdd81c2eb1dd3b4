import pytest
import torch

from skelbench.models.utils import feature_queue as fq
from skelbench.models.utils.feature_queue import FeatureQueue

from ...conftest import free_port


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


# ----------------------------------------------------------------------
# Two real processes (gloo): every rank ends with the same queue, holding
# the keys of both ranks in rank order.
def _queue_worker(rank, world_size, port, out_dir):
    import os.path as osp

    import torch.distributed as torch_dist
    torch.set_num_threads(1)
    torch_dist.init_process_group(
        'gloo', init_method=f'tcp://127.0.0.1:{port}', rank=rank,
        world_size=world_size)
    try:
        torch.manual_seed(0)  # same initial queue on both ranks
        queue = FeatureQueue(num_feats=10, feat_dim=3)
        for step in range(3):  # 3 x (2 ranks x 2 keys) = 12 > K: wraps
            keys = torch.full((2, 3), float(100 * step + 10 * rank))
            keys[1] += 1
            queue.enqueue(keys)
        torch.save(queue.state_dict(), osp.join(out_dir, f'q{rank}.pth'))
    finally:
        torch_dist.destroy_process_group()


def test_two_process_enqueue_gathers_in_rank_order(tmp_path):
    import torch.multiprocessing as mp
    mp.spawn(_queue_worker, args=(2, free_port(), str(tmp_path)), nprocs=2,
             join=True)
    q0, q1 = (torch.load(str(tmp_path / f'q{r}.pth')) for r in range(2))
    assert torch.equal(q0['queue'], q1['queue'])
    assert int(q0['ptr']) == int(q1['ptr']) == 12 % 10
    # written order: step 0: r0k0 r0k1 r1k0 r1k1, step 1: ..., step 2: ...
    written = [100 * s + 10 * r + k for s in range(3) for r in range(2)
               for k in range(2)]
    expected = torch.zeros(10)
    for i, v in enumerate(written):
        expected[i % 10] = v
    assert torch.equal(q0['queue'][:, 0], expected)
