from skelbench.checkpoint import extract_state_dict, load_pretrained_weights
from .graph import agcn_spatial_graph, stgcn_spatial_graph
from .graph_layers import (GraphConvUnit, InputBatchNorm, temporal_conv,
                           unit_residual)
from .momentum_bn import MomentumBatchNorm, batchnorm_layers
from .precision import float32_ops
from .sync_batchnorm import (AllReduceBatchNorm, batch_norm_channels,
                             convert_allreduce_batchnorm)
from .transformer_layers import (MultiheadSelfAttention, TransformerBlock,
                                 init_transformer_weights)

__all__ = ['load_pretrained_weights', 'extract_state_dict',
           'MultiheadSelfAttention', 'TransformerBlock',
           'stgcn_spatial_graph', 'agcn_spatial_graph', 'InputBatchNorm',
           'temporal_conv', 'unit_residual', 'GraphConvUnit', 'float32_ops',
           'MomentumBatchNorm', 'batchnorm_layers', 'AllReduceBatchNorm',
           'batch_norm_channels',
           'convert_allreduce_batchnorm', 'init_transformer_weights']
