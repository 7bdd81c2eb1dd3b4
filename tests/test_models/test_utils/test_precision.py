"""What must stay float32 does so under bf16 autocast."""
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from skelbench.models.heads import JEPAHead
from skelbench.models.losses import (CrossEntropyLoss, InfoNCELoss,
                                     LatentCrossEntropyLoss, LatentMSELoss,
                                     MaskedMSELoss, NormalizedL2Loss,
                                     SoftTargetCrossEntropyLoss)
from skelbench.models.utils import float32_ops
from skelbench.models.utils.ema import CosineMomentumEMA
from skelbench.models.utils.feature_queue import FeatureQueue

BF16 = dict(device_type='cpu', dtype=torch.bfloat16)


def _bf16(*tensors):
    return [t.bfloat16() for t in tensors]


def test_float32_ops_disables_autocast_and_casts_arguments():
    @float32_ops
    def prod(a, pair, named=None):
        assert not torch.is_autocast_enabled('cpu')
        return a @ pair[0] + named['b']

    a, b, c = torch.randn(4, 5), torch.randn(5, 3), torch.randn(4, 3)
    with torch.autocast(**BF16):
        assert (a @ b).dtype is torch.bfloat16  # autocast is on here
        out = prod(a.bfloat16(), [b], named={'b': c})
        assert torch.is_autocast_enabled('cpu')  # and back on after
    assert out.dtype is torch.float32
    torch.testing.assert_close(out, a.bfloat16().float() @ b + c,
                               rtol=0, atol=0)
    assert prod(a, (b,), named={'b': c}).dtype is torch.float32  # no autocast


def _losses():
    g = torch.Generator().manual_seed(0)
    r = lambda *s: torch.randn(*s, generator=g)  # noqa: E731
    labels = torch.randint(0, 6, (8,), generator=g)
    mask = (torch.rand(8, 5, generator=g) > 0.5).float()
    return [
        (InfoNCELoss(0.07), (r(8, 16), r(8, 16), r(64, 16))),
        (LatentCrossEntropyLoss(), (r(8, 5, 32), r(8, 5, 32))),
        (LatentMSELoss(), (r(8, 5, 32), r(8, 5, 32))),
        (MaskedMSELoss(), (r(8, 5, 12), r(8, 5, 12), mask)),
        (SoftTargetCrossEntropyLoss(tau=2.), (r(8, 6), r(8, 6))),
        (CrossEntropyLoss(label_smoothing=0.1), (r(8, 6), labels)),
        (NormalizedL2Loss(), (r(8, 16), r(8, 16))),
    ]


@pytest.mark.parametrize('loss, args', _losses(),
                         ids=lambda v: type(v).__name__)
def test_losses_compute_in_float32_under_autocast(loss, args):
    low = [a.bfloat16() if a.is_floating_point() else a for a in args]
    ref = loss(*[a.float() if a.is_floating_point() else a for a in low])
    with torch.autocast(**BF16):
        out = loss(*low)
    assert out.dtype is torch.float32
    torch.testing.assert_close(out, ref, rtol=0, atol=0)


def test_info_nce_logits_are_float32_matrix_products():
    q, k, n = torch.randn(4, 16), torch.randn(4, 16), torch.randn(32, 16)
    loss = InfoNCELoss()
    with torch.autocast(**BF16):
        logits = loss.logits(q, k, n)
    assert logits.dtype is torch.float32
    torch.testing.assert_close(logits, loss.logits(q, k, n), rtol=0, atol=0)


def test_jepa_centre_buffer_stays_float32():
    head = JEPAHead(embed_dims=8).train()
    pred, tgt = torch.randn(2, 3, 8), torch.randn(2, 3, 8)
    ref_head = JEPAHead(embed_dims=8).train()
    ref = ref_head.loss(pred.bfloat16().float(), tgt.bfloat16().float())
    with torch.autocast(**BF16):
        out = head.loss(*_bf16(pred, tgt))
    assert head.center.dtype is torch.float32
    torch.testing.assert_close(head.center, ref_head.center, rtol=0, atol=0)
    assert out['loss_jepa'].dtype is torch.float32
    torch.testing.assert_close(out['loss_jepa'], ref['loss_jepa'])


def test_ema_queue_and_bn_statistics_stay_float32():
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.Linear(8, 4))
    ema = CosineMomentumEMA(net, 0.99, 1.0, max_iters=10)
    queue = FeatureQueue(num_feats=16, feat_dim=4)
    with torch.autocast(**BF16):
        keys = net(torch.randn(8, 6))
        assert keys.dtype is torch.bfloat16
        queue.enqueue(F.normalize(keys, dim=1), gather=False)
    ema.update_parameters(net)
    assert net[1].running_mean.dtype is torch.float32
    assert net[1].running_var.dtype is torch.float32
    assert queue.queue.dtype is torch.float32
    assert all(p.dtype is torch.float32 for p in ema.module.parameters())
    assert all(b.dtype is torch.float32 for b in ema.module.buffers()
               if b.is_floating_point())


@pytest.mark.parametrize('amx', [False, True])
def test_attention_kernel_dtype_follows_the_cpu(monkeypatch, amx):
    from skelbench.models.utils import precision
    from skelbench.models.utils.transformer_layers import \
        MultiheadSelfAttention
    monkeypatch.setattr(precision, 'CPU_HAS_AMX_BF16', amx)
    seen = []
    real = F.scaled_dot_product_attention

    def spy(q, k, v, **kwargs):
        seen.append(q.dtype)
        return real(q, k, v, **kwargs)

    monkeypatch.setattr(F, 'scaled_dot_product_attention', spy)
    torch.manual_seed(0)
    attn = MultiheadSelfAttention(32, 4).eval()
    x = torch.randn(2, 10, 32)
    ref = attn(x)
    with torch.autocast(**BF16):
        out = attn(x)
    assert seen == [torch.float32, torch.bfloat16 if amx else torch.float32]
    assert out.dtype is torch.bfloat16
    torch.testing.assert_close(out.float(), ref, rtol=0.05, atol=0.05)
    assert precision.sdpa_upcast_dtype(x) is None  # float32 input


def test_float32_ops_refuses_generators_and_keeps_container_types():
    from collections import namedtuple
    with pytest.raises(TypeError, match='generator'):
        @float32_ops
        def gen(x):
            yield x @ x

    Pair = namedtuple('Pair', 'a b')

    @float32_ops
    def first(pair):
        assert isinstance(pair, Pair)
        return pair.a @ pair.b

    a = torch.randn(3, 3)
    with torch.autocast(**BF16):
        out = first(Pair(a.bfloat16(), a.bfloat16()))
    assert out.dtype is torch.float32
