"""k-nearest-neighbour retrieval accuracy of pooled features."""
from typing import List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from mmengine.evaluator import BaseMetric

from skelbench.registry import METRICS


def knn_predict(query: torch.Tensor, bank: torch.Tensor,
                bank_labels: torch.Tensor, topk: Sequence[int],
                num_classes: int, temperature: float = 0.07,
                chunk_size: int = 1024) -> List[torch.Tensor]:
    """kNN class predictions of ``query`` against a labelled ``bank``.

    Features are L2-normalised, so similarities are cosines. For ``k = 1``
    the prediction is the label of the nearest bank sample (cosine 1-NN,
    Skeleton-Contrast / ISC); for ``k > 1`` it is the class with the
    largest sum of weights ``exp(sim / temperature)`` over the ``k``
    nearest bank samples (InstDisc / DINO weighted vote). Ties between
    classes go to the smallest class index. ``k`` is capped at the bank
    size.

    Queries are processed ``chunk_size`` at a time, so the similarity
    matrix held at once is ``(chunk_size, N_bank)``.

    Args:
        query (Tensor): ``(N_query, D)``.
        bank (Tensor): ``(N_bank, D)``.
        bank_labels (Tensor): ``(N_bank,)`` integers in
            ``[0, num_classes)``.
        topk (Sequence[int]): The ``k`` values.
        num_classes (int): Number of classes ``C``.
        temperature (float): Temperature of the vote weights.
        chunk_size (int): Queries per similarity block.

    Returns:
        list[Tensor]: For each ``k``, the ``(N_query,)`` predicted labels.
    """
    if query.dim() != 2 or bank.dim() != 2 or query.shape[1] != bank.shape[1]:
        raise ValueError('query and bank must be (N, D) with the same D, got '
                         f'{tuple(query.shape)} and {tuple(bank.shape)}')
    if bank_labels.shape != (bank.shape[0], ):
        raise ValueError(f'bank_labels must be ({bank.shape[0]},), got '
                         f'{tuple(bank_labels.shape)}')
    if bank.shape[0] == 0:
        raise ValueError('the kNN bank is empty')
    query = F.normalize(query.float(), dim=1)
    bank = F.normalize(bank.float(), dim=1)
    bank_labels = bank_labels.long().to(bank.device)
    ks = [min(int(k), bank.shape[0]) for k in topk]
    k_max = max(ks)
    preds: List[List[torch.Tensor]] = [[] for _ in ks]
    for start in range(0, query.shape[0], chunk_size):
        sim = query[start:start + chunk_size] @ bank.t()  # (c, N_bank)
        top_sim, top_idx = sim.topk(k_max, dim=1)  # (c, k_max), sorted
        top_labels = bank_labels[top_idx]  # (c, k_max)
        weights = (top_sim / temperature).exp()
        for i, k in enumerate(ks):
            if k == 1:
                preds[i].append(top_labels[:, 0])
                continue
            votes = top_sim.new_zeros(top_sim.shape[0], num_classes)
            votes.scatter_add_(1, top_labels[:, :k], weights[:, :k])
            preds[i].append(votes.argmax(dim=1))  # first max on ties
    empty = bank_labels.new_zeros(0)
    return [torch.cat(p) if p else empty for p in preds]


@METRICS.register_module()
class KNNMetric(BaseMetric):
    """kNN retrieval accuracy (in %) of query features against a bank.

    The standard evaluation of self-supervised skeleton representations
    (Skeleton-Contrast, ISC, ...): the pooled features of the evaluated
    split (queries) are classified by their nearest neighbours among the
    features of the training split (the bank), by cosine similarity. See
    :func:`knn_predict` for the ``k = 1`` and ``k > 1`` rules.

    Queries are the ``feat`` fields ``(D,)`` of the predicted data
    samples: use a model whose ``predict`` attaches them, e.g.
    :class:`~skelbench.models.SkeletonRecognizer` with
    ``test_cfg=dict(output_feat=True)`` (or without ``cls_head``). The
    bank is computed by :class:`~skelbench.engine.hooks.KNNBankHook` with
    the same ``model.extract_feat`` before every val / test epoch and set
    with :meth:`set_bank`; the hook must be in ``custom_hooks``.

    Correct under multi-process evaluation: query results are gathered by
    :class:`mmengine.evaluator.BaseMetric` (padding duplicates removed)
    and the hook gives every rank the whole bank.

    Keys: ``knn/k{k}_acc`` for each ``k`` of ``topk`` (top-1 accuracy of
    the k-NN classifier), e.g. ``knn/k1_acc``, ``knn/k20_acc``.

    Args:
        topk (tuple[int]): Numbers of neighbours ``k``.
        temperature (float): Temperature of the ``k > 1`` vote weights
            ``exp(sim / temperature)``.
        num_classes (int, optional): Number of classes; defaults to one
            more than the largest bank or query label.
        chunk_size (int): Queries per similarity block; memory is about
            ``chunk_size * N_bank`` floats.
        device (str): Device of the retrieval computation.
    """

    default_prefix = 'knn'

    def __init__(self, topk: Tuple[int, ...] = (1, ),
                 temperature: float = 0.07,
                 num_classes: Optional[int] = None,
                 chunk_size: int = 1024, device: str = 'cpu',
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        if isinstance(topk, int):
            topk = (topk, )
        if not topk or any(int(k) < 1 for k in topk):
            raise ValueError(f'topk must be positive integers, got {topk}')
        if temperature <= 0:
            raise ValueError(f'temperature must be > 0, got {temperature}')
        if int(chunk_size) < 1:
            raise ValueError(f'chunk_size must be >= 1, got {chunk_size}')
        if num_classes is not None and int(num_classes) < 1:
            raise ValueError(f'num_classes must be >= 1, got {num_classes}')
        self.topk = tuple(int(k) for k in topk)
        self.temperature = float(temperature)
        self.num_classes = None if num_classes is None else int(num_classes)
        self.chunk_size = int(chunk_size)
        self.device = device
        self.bank_feats: Optional[torch.Tensor] = None
        self.bank_labels: Optional[torch.Tensor] = None

    def set_bank(self, feats: torch.Tensor, labels: torch.Tensor) -> None:
        """Set the retrieval bank.

        Args:
            feats (Tensor): ``(N_bank, D)`` features (normalised later).
            labels (Tensor): ``(N_bank,)`` integer labels.
        """
        feats = torch.as_tensor(feats)
        labels = torch.as_tensor(labels).reshape(-1)
        if feats.dim() != 2 or feats.shape[0] != labels.shape[0]:
            raise ValueError('bank must be feats (N, D) and labels (N,), got '
                             f'{tuple(feats.shape)} and '
                             f'{tuple(labels.shape)}')
        if feats.shape[0] == 0:
            raise ValueError('the kNN bank is empty')
        self.bank_feats = feats.detach().float().cpu()
        self.bank_labels = labels.detach().long().cpu()

    def process(self, data_batch, data_samples: Sequence) -> None:
        for ds in data_samples:
            is_dict = isinstance(ds, dict)
            feat = ds.get('feat') if is_dict else getattr(ds, 'feat', None)
            if feat is None:
                raise KeyError(
                    'KNNMetric needs the pooled features `feat` in the '
                    'predicted data samples; use e.g. SkeletonRecognizer '
                    'with test_cfg=dict(output_feat=True)')
            label = ds['gt_label'] if is_dict else ds.gt_label
            self.results.append(dict(
                feat=feat.detach().float().reshape(-1).cpu(),
                label=int(torch.as_tensor(label).reshape(-1)[0])))

    def compute_metrics(self, results: list) -> dict:
        if self.bank_feats is None:
            raise RuntimeError(
                'KNNMetric has no bank of training features: add '
                "dict(type='KNNBankHook', dataloader=...) to custom_hooks "
                '(it sets the bank before every val / test epoch), or call '
                'KNNMetric.set_bank(feats, labels) yourself')
        query = torch.stack([r['feat'] for r in results])
        labels = torch.tensor([r['label'] for r in results],
                              dtype=torch.long)
        if query.shape[1] != self.bank_feats.shape[1]:
            raise ValueError(f'query features have D={query.shape[1]} but '
                             f'the bank has D={self.bank_feats.shape[1]}')
        num_classes = self.num_classes
        if num_classes is None:
            num_classes = int(max(self.bank_labels.max(), labels.max())) + 1
        if int(self.bank_labels.min()) < 0 or \
                int(self.bank_labels.max()) >= num_classes:
            raise ValueError('bank labels must be in [0, num_classes='
                             f'{num_classes}), got '
                             f'[{int(self.bank_labels.min())}, '
                             f'{int(self.bank_labels.max())}]')
        preds = knn_predict(
            query.to(self.device), self.bank_feats.to(self.device),
            self.bank_labels.to(self.device), self.topk, num_classes,
            self.temperature, self.chunk_size)
        return {
            f'k{k}_acc': float((p.cpu() == labels).double().mean()) * 100
            for k, p in zip(self.topk, preds)
        }
