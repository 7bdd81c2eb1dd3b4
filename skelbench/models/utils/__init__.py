from .checkpoint_loading import extract_state_dict, load_pretrained_weights
from .transformer_layers import MultiheadSelfAttention, TransformerBlock

__all__ = ['load_pretrained_weights', 'extract_state_dict',
           'MultiheadSelfAttention', 'TransformerBlock']
