"""AllReduceBatchNorm: over two gloo processes it equals one BatchNorm on
the concatenated batch (outputs, running statistics, gradients)."""
import pytest
import torch
import torch.multiprocessing as mp
import torch.nn as nn

from skelbench.models.utils import (AllReduceBatchNorm,
                                    convert_allreduce_batchnorm)

from ...conftest import free_port


def _data():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(6, 4, 5, 3, generator=g) * 3 + 1   # global batch of 6
    w = torch.randn(6, 4, 5, 3, generator=g)            # loss weights
    return x, w


def _bn():
    torch.manual_seed(1)
    bn = nn.BatchNorm2d(4, momentum=0.2)
    with torch.no_grad():
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-1, 1)
    return bn


def _worker(rank, world_size, port, out_dir):
    import torch.distributed as torch_dist
    torch.set_num_threads(1)
    torch_dist.init_process_group(
        'gloo', init_method=f'tcp://127.0.0.1:{port}', rank=rank,
        world_size=world_size)
    try:
        x, w = _data()
        sl = slice(0, 2) if rank == 0 else slice(2, 6)  # unequal parts
        xi = x[sl].clone().requires_grad_(True)
        bn = convert_allreduce_batchnorm(nn.Sequential(_bn()))[0]
        assert isinstance(bn, AllReduceBatchNorm)
        y = bn(xi)
        (y * w[sl]).sum().backward()
        torch.save(dict(y=y.detach(), gx=xi.grad, gw=bn.weight.grad,
                        gb=bn.bias.grad, rm=bn.running_mean,
                        rv=bn.running_var), f'{out_dir}/r{rank}.pth')
    finally:
        torch_dist.destroy_process_group()


def test_two_processes_equal_one_batchnorm_on_the_whole_batch(tmp_path):
    mp.spawn(_worker, args=(2, free_port(), str(tmp_path)), nprocs=2,
             join=True)
    r0, r1 = (torch.load(str(tmp_path / f'r{r}.pth')) for r in range(2))
    x, w = _data()
    x = x.clone().requires_grad_(True)
    bn = _bn()
    y = bn(x)
    (y * w).sum().backward()
    tol = dict(atol=1e-5, rtol=1e-5)
    assert torch.allclose(torch.cat([r0['y'], r1['y']]), y.detach(), **tol)
    assert torch.allclose(torch.cat([r0['gx'], r1['gx']]), x.grad, **tol)
    # each rank holds its part of the parameter gradients (DDP sums them)
    assert torch.allclose(r0['gw'] + r1['gw'], bn.weight.grad, **tol)
    assert torch.allclose(r0['gb'] + r1['gb'], bn.bias.grad, **tol)
    for r in (r0, r1):
        assert torch.allclose(r['rm'], bn.running_mean, **tol)
        assert torch.allclose(r['rv'], bn.running_var, **tol)


def test_without_a_process_group_it_is_batchnorm():
    x, _ = _data()
    ref = _bn()
    bn = convert_allreduce_batchnorm(_bn())
    assert isinstance(bn, AllReduceBatchNorm)
    assert torch.equal(bn(x), ref(x))
    bn.eval(), ref.eval()
    assert torch.equal(bn(x), ref(x))


def test_conversion_keeps_state_and_leaves_other_layers():
    class OwnBN(nn.BatchNorm1d):
        pass

    model = nn.Sequential(nn.Conv1d(3, 4, 1), nn.BatchNorm1d(4),
                          nn.Sequential(OwnBN(4)))
    model[1].running_mean.fill_(2.)
    model[1].weight.requires_grad_(False)
    model.eval()
    out = convert_allreduce_batchnorm(model)
    assert out is model and type(model[1]) is AllReduceBatchNorm
    assert type(model[2][0]) is OwnBN  # subclasses keep their behaviour
    assert torch.equal(model[1].running_mean, torch.full((4, ), 2.))
    assert not model[1].weight.requires_grad and not model[1].training


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match='2 dimensions'):
        AllReduceBatchNorm(4)(torch.zeros(4))


def _input_bn():
    from skelbench.models.utils import InputBatchNorm
    torch.manual_seed(2)
    m = InputBatchNorm(2 * 5 * 3)  # 2 actors x 5 joints x 3 channels
    m.bn.momentum = 0.3
    with torch.no_grad():
        m.bn.weight.uniform_(0.5, 1.5)
        m.bn.bias.uniform_(-1, 1)
    return m


def _one_actor():
    g = torch.Generator().manual_seed(3)
    x = torch.randn(6, 1, 4, 5, 3, generator=g) * 2 + 0.5  # N M T V C
    w = torch.randn(6, 20, 4, 5, generator=g)[:, :3]
    return x, w


def _input_bn_worker(rank, world_size, port, out_dir):
    import torch.distributed as torch_dist
    torch.set_num_threads(1)
    torch_dist.init_process_group(
        'gloo', init_method=f'tcp://127.0.0.1:{port}', rank=rank,
        world_size=world_size)
    try:
        x, w = _one_actor()
        sl = slice(0, 2) if rank == 0 else slice(2, 6)
        m = convert_allreduce_batchnorm(_input_bn())
        assert isinstance(m.bn, AllReduceBatchNorm)
        y = m(x[sl])
        (y * w[sl]).sum().backward()
        torch.save(dict(y=y.detach(), gw=m.bn.weight.grad,
                        rm=m.bn.running_mean, rv=m.bn.running_var),
                   f'{out_dir}/r{rank}.pth')
    finally:
        torch_dist.destroy_process_group()


def test_input_batchnorm_with_fewer_actors_is_synchronised(tmp_path):
    """data_bn of a 2-actor encoder on 1-actor data uses the first M V C
    channels; under sync_bn their statistics are the global batch's."""
    mp.spawn(_input_bn_worker, args=(2, free_port(), str(tmp_path)),
             nprocs=2, join=True)
    r0, r1 = (torch.load(str(tmp_path / f'r{r}.pth')) for r in range(2))
    x, w = _one_actor()
    m = _input_bn()
    y = m(x)
    (y * w).sum().backward()
    tol = dict(atol=1e-5, rtol=1e-5)
    assert torch.allclose(torch.cat([r0['y'], r1['y']]), y.detach(), **tol)
    assert torch.allclose(r0['gw'] + r1['gw'], m.bn.weight.grad, **tol)
    for r in (r0, r1):
        assert torch.allclose(r['rm'], m.bn.running_mean, **tol)
        assert torch.allclose(r['rv'], m.bn.running_var, **tol)
    # the second actor's channels are untouched
    fresh = _input_bn()
    assert torch.equal(r0['rm'][15:], fresh.bn.running_mean[15:])
    assert torch.equal(m.bn.running_var[15:], fresh.bn.running_var[15:])


def test_input_batchnorm_slice_equals_a_batchnorm_of_its_channels():
    x, _ = _one_actor()
    m = _input_bn()
    ref = nn.BatchNorm1d(15, momentum=0.3)
    with torch.no_grad():
        ref.weight.copy_(m.bn.weight[:15])
        ref.bias.copy_(m.bn.bias[:15])
    y = m(x)
    y_ref = ref(x.permute(0, 1, 3, 4, 2).reshape(6, 15, 4))
    assert torch.allclose(
        y, y_ref.reshape(6, 5, 3, 4).permute(0, 2, 3, 1), atol=1e-6)
    assert torch.allclose(m.bn.running_mean[:15], ref.running_mean)
    assert int(m.bn.num_batches_tracked) == 1
    m.eval(), ref.eval()
    assert torch.allclose(
        m(x), ref(x.permute(0, 1, 3, 4, 2).reshape(6, 15, 4)).reshape(
            6, 5, 3, 4).permute(0, 2, 3, 1), atol=1e-6)
