"""ISC (Thoker et al., ACM MM'21): the losses against a reference written
from eqs. (5)-(8), the logits and their labels, queue updates, the
momentum update, the intra-skeleton variant and the downstream encoder."""
import copy
import math

import pytest
import torch

import skelbench.models.utils.feature_queue as fq
from skelbench.checkpoint import encoder_state_dict
from skelbench.registry import MODELS

N, M, T, V, C = 3, 2, 8, 25, 3
DIM, K, TAU = 8, 6, 0.07


def seq_backbone():
    return dict(type='BiGRU', hidden_size=6, num_layers=2)


def proj(in_channels):
    return dict(type='NonLinearNeck', in_channels=in_channels,
                hid_channels=10, out_channels=DIM, with_bn=False)


def graph_representation(name='graph'):
    return dict(name=name, backbone=dict(type='AGCN', base_channels=4),
                neck=proj(16))


def build(inter=True, queue_len=K, **kw):
    torch.manual_seed(0)
    model = MODELS.build(dict(
        type='ISC', backbone=seq_backbone(), neck=proj(12),
        cross_representation=graph_representation() if inter else None,
        queue_len=queue_len, **kw))
    model.init_weights()
    # query encoders away from their momentum copies, so that q != k
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.requires_grad:
                p.add_(0.05 * torch.randn_like(p))
    return model


def views(seed=0):
    g = torch.Generator().manual_seed(seed)
    return [torch.randn(N, M, T, V, C, generator=g) for _ in range(2)]


def unit(x):
    return x / x.norm(dim=1, keepdim=True)


def embed(backbone, neck, x):
    """``Z = norm(g(mean over T', V, M of f(x)))``."""
    return unit(neck(backbone(x).mean(dim=(2, 3)).mean(1)))


def key_embed(ema_backbone, ema_neck, x):
    """Key encoder in training mode (batch statistics), no gradient."""
    b, n = copy.deepcopy(ema_backbone.module), copy.deepcopy(ema_neck.module)
    with torch.no_grad():
        return embed(b.train(), n.train(), x)


def info_nce(q, k, negatives):
    """Eq. (5) (and (7), (8)) written out per sample."""
    terms = []
    for i in range(len(q)):
        pos = math.exp(float(q[i] @ k[i]) / TAU)
        neg = sum(math.exp(float(q[i] @ n) / TAU) for n in negatives)
        terms.append(-math.log(pos / (pos + neg)))
    return sum(terms) / len(terms)


def test_inter_losses_match_eqs_6_to_8_and_queues_take_the_keys():
    model = build()
    x_q, x_k = views()
    queue_seq0 = model.queue.queue.clone()
    queue_graph0 = model.cross_queue.queue.clone()
    # the reference keys first: the model's pass enqueues them
    k_seq = key_embed(model.momentum_backbone, model.momentum_neck, x_k)
    k_graph = key_embed(model.momentum_cross_backbone,
                        model.momentum_cross_neck, x_k)
    losses = model([x_q, x_k], None, mode='loss')
    with torch.no_grad():
        z_seq = embed(model.backbone, model.neck, x_q)
        z_graph = embed(model.cross_backbone, model.cross_neck, x_q)
    # eq. (7): sequence query vs graph key and graph negatives; eq. (8)
    ref_seq = info_nce(z_seq, k_graph, queue_graph0)
    ref_graph = info_nce(z_graph, k_seq, queue_seq0)
    assert set(losses) == {'loss_seq', 'loss_graph', 'con_acc_seq',
                           'con_acc_graph', 'feat_std', 'feat_std_graph'}
    assert losses['loss_seq'].item() == pytest.approx(ref_seq, rel=1e-4)
    assert losses['loss_graph'].item() == pytest.approx(ref_graph, rel=1e-4)
    # eq. (6): the runner sums the loss terms
    total = sum(v for k, v in losses.items() if k.startswith('loss'))
    assert float(total) == pytest.approx(ref_seq + ref_graph, rel=1e-4)
    # each queue took its own representation's keys, pointers moved
    torch.testing.assert_close(model.queue.queue[:N], k_seq)
    torch.testing.assert_close(model.queue.queue[N:], queue_seq0[N:])
    torch.testing.assert_close(model.cross_queue.queue[:N], k_graph)
    torch.testing.assert_close(model.cross_queue.queue[N:],
                               queue_graph0[N:])
    assert int(model.queue.ptr) == int(model.cross_queue.ptr) == N
    # the gradient reaches both query encoders, none of the key encoders
    total.backward()
    for prefix in ('backbone.', 'neck.', 'cross_backbone.', 'cross_neck.'):
        grads = [p.grad for n, p in model.named_parameters()
                 if n.startswith(prefix)]
        assert grads and all(g is not None for g in grads), prefix
    assert not any(p.requires_grad for n, p in model.named_parameters()
                   if n.startswith('momentum_'))


def test_logits_put_the_positive_first_labels_zero():
    """Logits ``(B, 1 + K)``: column 0 the positive ``q . k / tau``, then
    ``q . n_j / tau`` over the queue; the InfoNCE target is class 0."""
    model = build()
    head = model.head.loss_module
    q, k, n = unit(torch.randn(N, DIM)), unit(torch.randn(N, DIM)), \
        unit(torch.randn(K, DIM))
    logits = head.logits(q, k, n)
    assert logits.shape == (N, 1 + K)
    torch.testing.assert_close(logits[:, 0], (q * k).sum(1) / TAU)
    torch.testing.assert_close(logits[:, 1:], q @ n.t() / TAU)
    ce = torch.nn.functional.cross_entropy(logits, torch.zeros(N).long())
    torch.testing.assert_close(head(q, k, n), ce)
    assert float(ce) == pytest.approx(info_nce(q, k, n), rel=1e-4)
    # accuracy: share of queries whose positive has the largest logit
    out = model.head.loss({'a': q}, {'a': q}, {'a': -q[:1]}, {'a': 'a'})
    assert float(out['con_acc_a']) == 100.


def test_queue_wraps_around_over_steps():
    model = build(queue_len=4)
    x_q, x_k = views()
    model([x_q, x_k], None, mode='loss')
    k1 = model.cross_queue.queue[:N].clone()
    model([x_k, x_q], None, mode='loss')
    # 3 + 3 keys in a queue of 4: rows 3, 0, 1 hold the second batch
    assert int(model.cross_queue.ptr) == 2 and int(model.queue.ptr) == 2
    k2 = key_embed(model.momentum_cross_backbone, model.momentum_cross_neck,
                   x_q)
    torch.testing.assert_close(model.cross_queue.queue[[3, 0, 1]], k2)
    torch.testing.assert_close(model.cross_queue.queue[2], k1[2])


def test_eval_mode_does_not_enqueue():
    model = build().eval()
    before = model.queue.queue.clone(), model.cross_queue.queue.clone()
    model(views(), None, mode='loss')
    torch.testing.assert_close(model.queue.queue, before[0])
    torch.testing.assert_close(model.cross_queue.queue, before[1])


def test_keys_of_all_ranks_are_enqueued(monkeypatch):
    """Under DDP both queues take the keys of every rank (rank order)."""
    other = unit(torch.ones(N, DIM))
    monkeypatch.setattr(fq, 'get_world_size', lambda: 2)
    monkeypatch.setattr(fq, 'all_gather', lambda x: [x, other])
    model = build(queue_len=2 * N)
    model(views(), None, mode='loss')
    for queue in (model.queue, model.cross_queue):
        torch.testing.assert_close(queue.queue[N:], other)
        assert int(queue.ptr) == 0


def test_momentum_update_of_all_key_encoders():
    """``f_k <- m f_k + (1 - m) f_q`` with m = 0.999 for both
    representations (encoder and projection)."""
    model = build()
    pairs = [(model.momentum_backbone, model.backbone),
             (model.momentum_neck, model.neck),
             (model.momentum_cross_backbone, model.cross_backbone),
             (model.momentum_cross_neck, model.cross_neck)]
    old = [dict((k, v.clone()) for k, v in ema.module.named_parameters())
           for ema, _ in pairs]
    model.momentum_update()
    for (ema, online), before in zip(pairs, old):
        for name, p in online.named_parameters():
            torch.testing.assert_close(
                dict(ema.module.named_parameters())[name],
                0.999 * before[name] + 0.001 * p)
        assert int(ema.steps) == 1


def test_init_weights_syncs_the_key_encoders():
    torch.manual_seed(0)
    model = MODELS.build(dict(type='ISC', backbone=seq_backbone(),
                              neck=proj(12),
                              cross_representation=graph_representation(),
                              queue_len=K))
    model.init_weights()
    for ema, online in model.momentum_pairs():
        for k, v in online.state_dict().items():
            torch.testing.assert_close(ema.module.state_dict()[k], v)


def test_intra_variant_is_moco_eq_5():
    model = build(inter=False)
    assert model.representations == ('seq', )
    assert not any(k.startswith('cross_') or k.startswith('momentum_cross')
                   for k in model.state_dict())
    x_q, x_k = views()
    queue0 = model.queue.queue.clone()
    k = key_embed(model.momentum_backbone, model.momentum_neck, x_k)
    losses = model([x_q, x_k], None, mode='loss')
    with torch.no_grad():
        q = embed(model.backbone, model.neck, x_q)
    assert set(losses) == {'loss_seq', 'con_acc_seq', 'feat_std'}
    assert losses['loss_seq'].item() == pytest.approx(
        info_nce(q, k, queue0), rel=1e-4)
    torch.testing.assert_close(model.queue.queue[:N], k)


def test_intra_variant_of_another_representation():
    """Intra-skeleton contrast of the graph representation alone."""
    torch.manual_seed(0)
    model = MODELS.build(dict(type='ISC', representation='graph',
                              backbone=dict(type='AGCN', base_channels=4),
                              neck=proj(16), queue_len=K))
    losses = model(views(), None, mode='loss')
    assert set(losses) == {'loss_graph', 'con_acc_graph', 'feat_std'}


def test_key_encoders_in_eval_mode_when_asked():
    """``key_train_mode=False``: the AGCN key encoder uses its running
    statistics (a key then does not depend on the rest of the batch)."""
    model = build(key_train_mode=False)
    x_q, x_k = views()
    model([x_q, x_k], None, mode='loss')
    k_all = model.cross_queue.queue[:N].clone()
    model([x_q[:1].repeat(N, 1, 1, 1, 1), x_k[:1].repeat(N, 1, 1, 1, 1)],
          None, mode='loss')
    torch.testing.assert_close(model.cross_queue.queue[N], k_all[0])
    assert not model.momentum_cross_backbone.module.training


def test_downstream_encoder_is_the_first_query_encoder():
    model = build()
    x = views()[0]
    torch.testing.assert_close(model.extract_feat(x),
                               model.backbone(x).flatten(1))
    state = encoder_state_dict(model.state_dict())
    assert set(state) == {'backbone.' + k
                          for k in model.backbone.state_dict()}
    for k, v in model.backbone.state_dict().items():
        assert torch.equal(state['backbone.' + k], v)


@pytest.mark.parametrize('kw,match', [
    (dict(cross_representation=dict(name='graph', neck=proj(16))),
     'cross_representation must be dict'),
    (dict(cross_representation=dict(graph_representation(), extra=1)),
     'cross_representation must be dict'),
    (dict(cross_representation=graph_representation(name='seq')),
     'cross_representation.name'),
    (dict(cross_representation=dict(
        graph_representation(), neck=dict(proj(16), out_channels=4))),
     'neck.out_channels and cross_representation.neck.out_channels'),
    (dict(representation=''), 'representation must be'),
])
def test_bad_configs_are_refused_by_name(kw, match):
    cfg = dict(type='ISC', backbone=seq_backbone(), neck=proj(12),
               queue_len=K)
    cfg.update(kw)
    with pytest.raises(ValueError, match=match):
        MODELS.build(cfg)


def test_one_view_is_refused():
    model = build()
    with pytest.raises(ValueError, match='MultiView'):
        model(views()[:1], None, mode='loss')
    with pytest.raises(ValueError, match='MultiView'):
        model(views()[0], None, mode='loss')


def test_projection_input_size_is_checked():
    neck = MODELS.build(proj(12))
    with pytest.raises(ValueError, match='in_channels'):
        neck(torch.randn(2, 13))
