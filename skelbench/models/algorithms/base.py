"""Base class of self-supervised skeleton algorithms."""
from typing import Dict, Iterator, List, Optional, Sequence, Tuple, Union

import torch
import torch.nn.functional as F
from mmengine.model import BaseModel
from torch import nn

from skelbench.models.data_preprocessors import build_data_preprocessor
from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample

Inputs = Union[torch.Tensor, List[torch.Tensor]]


def embedding_std(feats: torch.Tensor) -> torch.Tensor:
    """Collapse diagnostic: mean over dimensions of the per-dimension std
    (over the batch) of the L2-normalised embeddings ``feats (N, D)``.

    0 for a collapsed representation (every sample maps to one vector),
    about ``1 / sqrt(D)`` for well spread ones (SimSiam, Chen & He 2021).
    """
    with torch.no_grad():
        f = F.normalize(feats.detach().float().flatten(1), dim=1)
        if len(f) < 2:
            return f.new_zeros(())
        return f.std(dim=0).mean()


def check_token_split(num_visible: int, num_masked: int,
                      algorithm: str) -> None:
    """Refuse a masking that leaves the pretext task empty.

    Args:
        num_visible (int): Tokens (entries) the encoder sees, per sequence
            (the smallest count over the batch).
        num_masked (int): Tokens to reconstruct or predict, per sequence.
        algorithm (str): Name used in the error.

    Raises:
        ValueError: If no token is masked (nothing to predict: the loss
            is 0) or none is visible.
    """
    if num_masked < 1:
        raise ValueError(
            f'{algorithm}: the masking masks no token, so there is nothing '
            'to reconstruct or predict (loss 0); check mask_ratio (or '
            'frame_ratio / joint_ratio) of the masking transform')
    if num_visible < 1:
        raise ValueError(
            f'{algorithm}: the masking leaves no token visible to the '
            'encoder; check mask_ratio (or frame_ratio / joint_ratio) of '
            'the masking transform')


@MODELS.register_module()
class BaseSkeletonSSL(BaseModel):
    """Self-supervised skeleton algorithm (mmpretrain's
    ``BaseSelfSupervisor`` for skeletons).

    data preprocessor -> backbone -> neck -> pretext head / loss. Modes of
    :meth:`forward`:

    * ``'loss'``: :meth:`loss` (dict of losses; keys without ``loss``
      such as ``feat_std`` are only logged);
    * ``'tensor'``: :meth:`extract_feat`, ``(N, D)``;
    * ``'predict'``: the data samples with ``feat`` set to
      :meth:`extract_feat` (kNN evaluation of the pretraining run).

    :meth:`extract_feat` pools the output ``(N, M, T', V, D)`` of the
    encoder used downstream (:attr:`downstream_backbone`: the online
    backbone here, S-JEPA's target encoder) over tokens and actors with
    :class:`SkeletonGlobalPool` (MAMP's mean) -> ``(N, D)``.

    Per-sample pretext fields (``ids_keep``, ``ids_restore``,
    ``ids_masked``, ``mask``, ``target``; each ``(M, ...)``) come from the
    pipeline (``PackSkeletonInputs(algorithm_keys=...)``) and are
    concatenated into ``(N M, ...)`` by :meth:`gather_field`, the order
    of the backbones' ``N M`` rows.

    Momentum copies (:class:`CosineMomentumEMA`) are listed by
    :meth:`momentum_pairs`; :meth:`momentum_update` is called after every
    optimizer step by :class:`MomentumUpdateHook`, and :meth:`init_weights`
    re-syncs the copies after the online modules' initialisation.

    Args:
        backbone (dict): Encoder config.
        neck (dict, optional): Decoder / predictor config.
        head (dict, optional): Pretext head config.
        pool (dict, optional): Pooling of :meth:`extract_feat`
            (default ``SkeletonGlobalPool(person_pool='mean')``).
        data_preprocessor (dict, optional): Defaults to
            :class:`SkeletonDataPreprocessor` (multi-view aware; built
            from skelbench's registry: no default scope needed).
    """

    def __init__(self, backbone: dict, neck: Optional[dict] = None,
                 head: Optional[dict] = None, pool: Optional[dict] = None,
                 data_preprocessor: Optional[dict] = None,
                 train_cfg: Optional[dict] = None,
                 test_cfg: Optional[dict] = None, init_cfg=None):
        super().__init__(
            data_preprocessor=build_data_preprocessor(data_preprocessor),
            init_cfg=init_cfg)
        self.backbone = MODELS.build(backbone)
        self.neck = MODELS.build(neck) if neck else None
        self.head = MODELS.build(head) if head else None
        self.pool = MODELS.build(pool or dict(type='SkeletonGlobalPool',
                                              person_pool='mean'))
        self.train_cfg = train_cfg or {}
        self.test_cfg = test_cfg or {}

    def check_pretext_weights(self, heads: Dict[str, nn.Module]) -> None:
        """Refuse pretext heads whose loss weights are all zero.

        Args:
            heads (dict): Name (the config argument) -> built head; the
                weight is ``head.loss_module.loss_weight``.

        Raises:
            ValueError: If every weight is 0: the total loss would be 0
                and nothing would be learned.
        """
        weights = {}
        for name, head in heads.items():
            w = getattr(getattr(head, 'loss_module', None), 'loss_weight',
                        None)
            if w is not None:
                weights[f'{name}.loss.loss_weight'] = float(w)
        if weights and all(w == 0 for w in weights.values()):
            listed = ', '.join(f'{k}={v:g}' for k, v in weights.items())
            raise ValueError(
                f'{type(self).__name__}: every pretext loss weight is 0 '
                f'({listed}); the loss would be 0 and nothing is learned')

    # ------------------------------------------------------------------
    @property
    def downstream_backbone(self) -> nn.Module:
        """The encoder kept for downstream tasks."""
        return self.backbone

    def momentum_pairs(self) -> Iterator[Tuple[nn.Module, nn.Module]]:
        """``(ema, online)`` pairs; none by default."""
        return iter(())

    @torch.no_grad()
    def momentum_update(self) -> None:
        """One EMA step of every momentum copy (after an optimizer step).
        """
        for ema, online in self.momentum_pairs():
            ema.update_parameters(online)

    def init_weights(self) -> None:
        super().init_weights()
        for ema, online in self.momentum_pairs():
            ema.sync(online)

    # ------------------------------------------------------------------
    @staticmethod
    def gather_field(data_samples: Sequence[SkeletonDataSample], key: str,
                     device=None) -> torch.Tensor:
        """Concatenate the per-sample ``(M, ...)`` field ``key`` into
        ``(N M, ...)``."""
        if not data_samples:
            raise ValueError(f'no data samples to read {key!r} from')
        vals = []
        for ds in data_samples:
            if key not in ds:
                raise KeyError(
                    f'data sample lacks {key!r}: add it to '
                    'PackSkeletonInputs(algorithm_keys=...) in the train '
                    'pipeline')
            v = ds.get(key)
            vals.append(v if isinstance(v, torch.Tensor)
                        else torch.as_tensor(v))
        out = torch.cat(vals, dim=0)
        return out if device is None else out.to(device)

    @staticmethod
    def split_views(inputs: Inputs) -> List[torch.Tensor]:
        if isinstance(inputs, torch.Tensor):
            return [inputs]
        if not len(inputs):
            raise ValueError('empty inputs')
        return list(inputs)

    def pool_tokens(self, tokens: torch.Tensor, num_samples: int
                    ) -> torch.Tensor:
        """Mean of ``(N M, K, D)`` tokens over tokens and actors ->
        ``(N, D)``."""
        NM, _, D = tokens.shape
        return tokens.mean(1).reshape(num_samples, NM // num_samples,
                                      D).mean(1)

    def extract_feat(self, inputs: Inputs) -> torch.Tensor:
        """``(N, D)`` features of the downstream encoder (first view)."""
        x = self.split_views(inputs)[0]
        # actors whose input is all zeros are padding (``FormatPersons``);
        # ``pool.person_pool='valid_mean'`` leaves them out
        person_mask = x.flatten(2).abs().sum(-1) > 0  # N, M
        return self.pool(self.downstream_backbone(x), person_mask=person_mask)

    def loss(self, inputs: Inputs,
             data_samples: Sequence[SkeletonDataSample]) -> dict:
        """The pretext losses; every algorithm defines its own."""
        raise TypeError(f'{type(self).__name__} does not define loss(); '
                        'subclasses of BaseSkeletonSSL must')

    def predict(self, inputs: Inputs,
                data_samples: Optional[List[SkeletonDataSample]] = None
                ) -> List[SkeletonDataSample]:
        feats = self.extract_feat(inputs)
        if data_samples is None:
            data_samples = [SkeletonDataSample() for _ in range(len(feats))]
        for ds, f in zip(data_samples, feats):
            ds.set_feat(f)
        return data_samples

    def forward(self, inputs: Inputs,
                data_samples: Optional[List[SkeletonDataSample]] = None,
                mode: str = 'tensor'):
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            return self.extract_feat(inputs)
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got "
                         f'{mode!r}')
