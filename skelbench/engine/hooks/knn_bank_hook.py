"""Compute the training-set feature bank of :class:`KNNMetric`."""
import time
from typing import Dict, List, Optional, Tuple, Union

import torch
from mmengine.dist import all_reduce, get_rank, get_world_size
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmengine.model import is_model_wrapper
from mmengine.runner import Runner
from torch.utils.data import DataLoader

from skelbench.evaluation.functional.probe_datasets import \
    default_bank_dataloader_cfg
from skelbench.evaluation.metrics.knn_metric import KNNMetric
from skelbench.registry import HOOKS


def gather_bank(feats_by_idx: torch.Tensor, labels_by_idx: torch.Tensor,
                filled: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
    """Merge the partial banks of all ranks into the whole bank.

    Each rank passes zero-initialised tensors indexed by ``sample_idx``
    where it filled the rows of the samples its sampler gave it. A row
    filled by several ranks (the padding duplicates of
    :class:`mmengine.dataset.DefaultSampler`) is taken from the lowest of
    them only, so it is never summed twice and the result is bitwise
    identical to a single-process computation. Without an initialised
    process group this is an identity (one rank).

    Args:
        feats_by_idx (Tensor): ``(N, D)`` features, row ``i`` = sample
            ``i`` where filled by this rank, anything elsewhere.
        labels_by_idx (Tensor): ``(N,)`` integer labels, likewise.
        filled (Tensor): ``(N,)`` bool, rows filled by this rank.

    Returns:
        tuple[Tensor, Tensor]: The whole bank on every rank: features
        ``(N, D)`` and labels ``(N,)`` (long).

    Raises:
        RuntimeError: If some rows were filled by no rank.
    """
    if feats_by_idx.dim() != 2 or labels_by_idx.shape != filled.shape or \
            filled.shape != feats_by_idx.shape[:1]:
        raise ValueError('gather_bank expects feats (N, D), labels (N,) and '
                         f'filled (N,), got {tuple(feats_by_idx.shape)}, '
                         f'{tuple(labels_by_idx.shape)}, '
                         f'{tuple(filled.shape)}')
    rank, world_size = get_rank(), get_world_size()
    filled = filled.bool()
    # Owner of a row: the lowest rank that filled it (world_size: nobody).
    owner = torch.full_like(filled, world_size, dtype=torch.long)
    owner[filled] = rank
    all_reduce(owner, op='min')
    mine = owner == rank
    feats = torch.where(mine[:, None], feats_by_idx,
                        torch.zeros_like(feats_by_idx))
    labels = torch.where(mine, labels_by_idx.long(),
                         torch.zeros_like(labels_by_idx, dtype=torch.long))
    all_reduce(feats, op='sum')
    all_reduce(labels, op='sum')
    missing = owner == world_size
    if bool(missing.any()):
        idx = torch.nonzero(missing).flatten()
        raise RuntimeError(
            f'kNN bank: {len(idx)} of {len(owner)} samples got no feature '
            f'(e.g. sample_idx {idx[:5].tolist()}); the bank dataloader '
            'must visit every sample of its dataset once (no drop_last, '
            'sample_idx = index in the dataset)')
    return feats, labels


def _knn_metrics(runner, name: str) -> List[KNNMetric]:
    """The KNNMetrics of ``runner.val_evaluator`` / ``test_evaluator``."""
    try:
        evaluator = getattr(runner, name)
    except AttributeError:  # no such loop, or a loop without evaluator
        return []
    metrics = getattr(evaluator, 'metrics', None)
    if metrics is None:
        return []
    return [m for m in metrics if isinstance(m, KNNMetric)]


@HOOKS.register_module()
class KNNBankHook(Hook):
    """Before every val / test epoch, set the bank of the kNN metrics.

    If the evaluator of the loop about to run has a
    :class:`~skelbench.evaluation.KNNMetric`, the model (unwrapped, in
    eval mode, without gradients) extracts ``extract_feat(inputs) (N, D)``
    of every sample of ``dataloader`` (the training split with the *test*
    pipeline); each feature goes to row ``sample_idx`` of the bank, ranks
    exchange their rows with :func:`gather_bank` (padding duplicates of
    the distributed sampler counted once), and
    :meth:`KNNMetric.set_bank` receives the whole bank. The training
    modes of all modules are restored afterwards.

    The queries are the ``feat`` fields that the model's ``predict``
    attaches to the data samples, which for
    :class:`~skelbench.models.SkeletonRecognizer` with
    ``test_cfg=dict(output_feat=True)`` are the same ``extract_feat``
    features: bank and queries live in one feature space.

    The dataloader is built once, on first use. The priority is ``'LOW'``
    so that the bank is computed after hooks that swap weights before
    evaluation (``EMAHook``), with the weights the queries will use.

    Args:
        dataloader (dict | DataLoader, optional): Config of the bank
            dataloader (``dataset``, ``batch_size``, ``num_workers``,
            ``sampler``; the sampler defaults to an unshuffled
            ``DefaultSampler``). ``None`` (default): derived from the
            runner's config by
            :func:`~skelbench.evaluation.default_bank_dataloader_cfg`, the
            ``train_dataloader`` dataset with the pipeline of the
            ``val_dataloader`` (``test_dataloader`` when validating is
            off) and its batch size, so a config that changes the
            dataset or its split needs no second copy for the bank.
        feat_source (str, optional): Name of the model method
            ``(inputs) -> (N, D)`` giving the bank features; defaults to
            ``'extract_feat'``. The query ``feat`` must come from the
            same features.
    """

    priority = 'LOW'

    def __init__(self, dataloader: Union[Dict, DataLoader, None] = None,
                 feat_source: Optional[str] = None):
        if not isinstance(dataloader, (dict, DataLoader, type(None))):
            raise TypeError('dataloader must be a config dict, a '
                            f'DataLoader or None, got '
                            f'{type(dataloader).__name__}')
        if isinstance(dataloader, dict):
            dataloader = dict(dataloader)
            if 'dataset' not in dataloader:
                raise ValueError('the KNNBankHook dataloader config needs a '
                                 "'dataset'")
            dataloader.setdefault('sampler',
                                  dict(type='DefaultSampler', shuffle=False))
        self.dataloader_cfg = dataloader
        self.feat_source = feat_source or 'extract_feat'
        self._dataloader: Optional[DataLoader] = None

    # ------------------------------------------------------------------
    def before_val_epoch(self, runner) -> None:
        self._update_bank(runner, _knn_metrics(runner, 'val_evaluator'))

    def before_test_epoch(self, runner) -> None:
        self._update_bank(runner, _knn_metrics(runner, 'test_evaluator'))

    # ------------------------------------------------------------------
    def _get_dataloader(self, runner) -> DataLoader:
        if self._dataloader is None:
            cfg = self.dataloader_cfg
            if cfg is None:
                cfg = default_bank_dataloader_cfg(runner.cfg)
            build = getattr(runner, 'build_dataloader',
                            Runner.build_dataloader)
            self._dataloader = build(cfg, seed=getattr(runner, 'seed', None))
        return self._dataloader

    def _update_bank(self, runner, metrics: List[KNNMetric]) -> None:
        if not metrics:
            return
        start = time.time()
        feats, labels = self.compute_bank(runner.model,
                                          self._get_dataloader(runner))
        for metric in metrics:
            metric.set_bank(feats, labels)
        print_log(f'kNN bank: {feats.shape[0]} samples x {feats.shape[1]} '
                  f'features in {time.time() - start:.1f} s', 'current')

    @torch.no_grad()
    def compute_bank(self, model: torch.nn.Module, dataloader: DataLoader
                     ) -> Tuple[torch.Tensor, torch.Tensor]:
        """Features and labels of every sample of ``dataloader``.

        Args:
            model (nn.Module): The (possibly wrapped) model.
            dataloader (DataLoader): Yields batches whose data samples
                carry ``sample_idx`` and ``gt_label``.

        Returns:
            tuple[Tensor, Tensor]: Features ``(len(dataset), D)`` (float32)
            and labels ``(len(dataset),)``, identical on every rank.
        """
        if is_model_wrapper(model):
            model = model.module
        extract = getattr(model, self.feat_source, None)
        if not callable(extract):
            raise AttributeError(f'{type(model).__name__} has no method '
                                 f'{self.feat_source!r} for the kNN bank')
        num = len(dataloader.dataset)
        modes = [(m, m.training) for m in model.modules()]
        model.eval()
        feats = labels = filled = None
        try:
            for batch in dataloader:
                data = model.data_preprocessor(batch, False)
                out = extract(data['inputs'])
                if not isinstance(out, torch.Tensor) or out.dim() != 2:
                    raise TypeError(
                        f'{self.feat_source} must return (N, D) features, '
                        f'got {getattr(out, "shape", type(out).__name__)}')
                samples = data['data_samples']
                if any('sample_idx' not in s.metainfo for s in samples):
                    raise KeyError('the kNN bank needs `sample_idx` in the '
                                   'metainfo of the data samples (keep it '
                                   'in the meta_keys of PackSkeletonInputs)')
                idx = torch.tensor([s.metainfo['sample_idx']
                                    for s in samples], dtype=torch.long)
                if bool((idx < 0).any()) or bool((idx >= num).any()):
                    raise IndexError(f'sample_idx {idx.tolist()} out of '
                                     f'range for a bank of {num} samples')
                lab = torch.cat([torch.as_tensor(s.gt_label).reshape(-1)[:1]
                                 for s in samples]).long()
                if feats is None:
                    feats = out.new_zeros(num, out.shape[1],
                                          dtype=torch.float32)
                    labels = torch.zeros(num, dtype=torch.long,
                                         device=out.device)
                    filled = torch.zeros(num, dtype=torch.bool,
                                         device=out.device)
                idx = idx.to(out.device)
                feats[idx] = out.float()
                labels[idx] = lab.to(out.device)
                filled[idx] = True
        finally:
            for m, mode in modes:
                m.training = mode
        # A rank may get no sample (sampler without padding): it still
        # takes part in the collectives, with the width of the others.
        width = torch.tensor([0 if feats is None else feats.shape[1]])
        all_reduce(width, op='max')
        if int(width) == 0:
            raise RuntimeError('the kNN bank dataloader yielded no batch')
        if feats is None:
            param = next(model.parameters(), None)
            device = param.device if param is not None else 'cpu'
            feats = torch.zeros(num, int(width), device=device)
            labels = torch.zeros(num, dtype=torch.long, device=device)
            filled = torch.zeros(num, dtype=torch.bool, device=device)
        return gather_bank(feats, labels, filled)
