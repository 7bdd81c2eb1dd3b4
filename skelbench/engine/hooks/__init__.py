"""Hooks (registry ``HOOKS``)."""
from .ema_momentum_hook import MomentumUpdateHook
from .freeze_backbone_hook import FreezeBackboneHook
from .knn_bank_hook import KNNBankHook, gather_bank
from .non_finite_check_hook import NonFiniteCheckHook, TrainingDivergedError
from .pipeline_epoch_hook import PipelineEpochHook
from .rng_state_hook import RNGStateHook

__all__ = ['PipelineEpochHook', 'RNGStateHook', 'KNNBankHook', 'gather_bank',
           'MomentumUpdateHook', 'NonFiniteCheckHook',
           'TrainingDivergedError',
           'FreezeBackboneHook']
