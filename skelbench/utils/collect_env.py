"""Environment information for logs and bug reports."""
from mmengine.utils import get_git_hash
from mmengine.utils.dl_utils import collect_env as collect_base_env

import skelbench


def collect_env() -> dict:
    """Return mmengine's environment info plus skelbench's version."""
    env_info = collect_base_env()
    env_info['skelbench'] = skelbench.__version__ + '+' + get_git_hash()[:7]
    try:
        import mmcv
        env_info['MMCV'] = mmcv.__version__
    except ImportError:  # pragma: no cover
        env_info['MMCV'] = 'not installed'
    return env_info
