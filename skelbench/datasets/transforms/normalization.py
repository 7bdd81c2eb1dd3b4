"""Normalisation transforms (centring)."""
import numpy as np
from mmcv.transforms import BaseTransform

from skelbench.layouts import get_layout
from skelbench.registry import TRANSFORMS


@TRANSFORMS.register_module()
class CenterSkeleton(BaseTransform):
    """Translate so that the layout's origin joint is at zero.

    ``mode='first_frame'`` (MAMP/SGN): subtract the origin joint of the
    first actor in its first frame with any non-zero joint, from every
    frame and actor. ``mode='per_frame'`` (2s-AGCN): subtract the first
    actor's origin joint frame by frame. Absent (all-zero) actors and
    frames stay zero.

    Required keys: ``keypoint`` (M, T, V, C), ``layout``.
    Modified keys: ``keypoint``.

    Args:
        mode (str): ``'first_frame'`` or ``'per_frame'``.
        layout (str | dict, optional): Overrides ``results['layout']``.
    """

    def __init__(self, mode: str = 'first_frame', layout=None):
        if mode not in ('first_frame', 'per_frame'):
            raise ValueError("mode must be 'first_frame' or 'per_frame', "
                             f'got {mode!r}')
        self.mode = mode
        self.layout = None if layout is None else get_layout(layout)

    def transform(self, results: dict) -> dict:
        layout = self.layout or get_layout(results['layout'])
        kp = results['keypoint']
        present = np.abs(kp).sum(axis=-1, keepdims=True) > 0  # M,T,V,1
        origin = kp[0, :, layout.origin]  # (T, C)
        if self.mode == 'first_frame':
            frames = np.flatnonzero(np.abs(kp[0]).sum(axis=(1, 2)))
            if frames.size == 0:
                return results
            shift = origin[frames[0]][None, None, None]
        else:
            shift = origin[None, :, None]
        results['keypoint'] = np.where(present, kp - shift, 0).astype(
            kp.dtype, copy=False)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(mode={self.mode!r})'
