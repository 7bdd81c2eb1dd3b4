"""skelbench: self-supervised skeleton action recognition on mmengine."""
import warnings

from .version import __version__, version_info

# Tested combinations; others work in principle but are not covered by CI.
_TESTED = dict(torch=('2.1', '2.14'), mmengine=('0.10.5', '0.10.8'),
               mmcv=('2.0.0', '2.3.0'))


def _check_versions() -> None:
    from mmengine.utils import digit_version
    import importlib
    for name, (low, high) in _TESTED.items():
        try:
            mod = importlib.import_module(name)
        except ImportError:
            if name == 'mmcv':
                warnings.warn('mmcv is not installed: install mmcv-lite '
                              '(pip install mmcv-lite) for the transforms.')
                continue
            raise
        version = getattr(mod, '__version__', '0').split('+')[0]
        try:
            ok = digit_version(low) <= digit_version(version) < \
                digit_version(high)
        except Exception:  # unparsable version string
            ok = False
        if not ok:
            warnings.warn(f'skelbench {__version__} is tested with {name} '
                          f'>= {low}, < {high}; found {version}. It may work, '
                          'but this combination is untested.')


_check_versions()

from .engine.checkpoint_compat import patch_checkpoint_loader  # noqa: E402

patch_checkpoint_loader()

__all__ = ['__version__', 'version_info']
