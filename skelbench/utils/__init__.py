from .collect_env import collect_env
from .setup_env import register_all_modules

__all__ = ['register_all_modules', 'collect_env']
