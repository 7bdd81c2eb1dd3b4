"""Skeleton layouts (registry ``LAYOUTS``) and :func:`get_layout`."""
from typing import Union

from skelbench.registry import LAYOUTS

from .nturgbd import NTURGBDLayout
from .nw_ucla import NWUCLALayout
from .skeleton_layout import SkeletonLayout, parents_from_edges

__all__ = ['SkeletonLayout', 'NTURGBDLayout', 'NWUCLALayout', 'get_layout',
           'parents_from_edges']

_CACHE = {}


def get_layout(layout: Union[str, dict, SkeletonLayout]) -> SkeletonLayout:
    """Return a :class:`SkeletonLayout` from a name, a config or a layout.

    Args:
        layout: A registered name (``'nturgb+d'``, ``'nw-ucla'`` or a
            plugin's), a config dict (``dict(type='SkeletonLayout', ...)``
            defines a new layout inline; its name is not registered, so
            pass the dict or the built layout on, not the name) or a
            layout instance (returned as is).

    Raises:
        KeyError: For an unknown name, listing the registered layouts.
    """
    if isinstance(layout, SkeletonLayout):
        return layout
    if isinstance(layout, str):
        if layout not in _CACHE:
            cls = LAYOUTS.get(layout)
            if cls is None:
                names = sorted(k for k, v in LAYOUTS.module_dict.items()
                               if v is not SkeletonLayout)
                raise KeyError(f'Unknown skeleton layout {layout!r}. '
                               f'Registered layouts: {names}. Register a new '
                               'one with @LAYOUTS.register_module() or pass '
                               "dict(type='SkeletonLayout', ...).")
            _CACHE[layout] = cls()
        return _CACHE[layout]
    if isinstance(layout, dict):
        cfg = dict(layout)
        if 'type' not in cfg:
            raise KeyError(f"layout config needs a 'type' key, got {cfg}")
        if cfg['type'] != 'SkeletonLayout' and len(cfg) == 1:
            return get_layout(cfg['type'])
        return LAYOUTS.build(cfg)
    raise TypeError('layout must be a name, a config dict or a '
                    f'SkeletonLayout, got {type(layout).__name__}')
