"""MAE for skeletons: masked joint reconstruction (He et al., CVPR'22),
the baseline of MAMP (Mao et al., ICCV'23)."""
from skelbench.registry import MODELS

from .mamp import MAMP


@MODELS.register_module()
class MAE(MAMP):
    """Masked joint reconstruction with uniform random masking.

    The model is :class:`MAMP`'s (encoder on the visible tokens, decoder
    with mask tokens, masked MSE ``L_r``); only the pipeline differs::

        RandomTokenMasking(mask_ratio=0.9)
        GenerateReconstructionTarget(source='joint', norm='segment')

    so the target ``s`` is the segment-normalised joint coordinates
    instead of MAMP's motion, and tokens are masked uniformly instead of
    by motion. Args and the required data-sample fields are
    :class:`MAMP`'s.
    """
