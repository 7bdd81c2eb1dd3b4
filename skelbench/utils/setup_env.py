"""Registration of all modules and default scope set-up."""
import datetime
import warnings

from mmengine import DefaultScope


def register_all_modules(init_default_scope: bool = True) -> None:
    """Import every skelbench module so that its registries are filled.

    Args:
        init_default_scope (bool): Also make ``'skelbench'`` the current
            default scope, so that components can be built outside the
            Runner (tests, notebooks, scripts) with ``MODELS.build(...)``
            from either skelbench's or mmengine's registries.
    """
    import skelbench.datasets  # noqa: F401
    import skelbench.engine  # noqa: F401
    import skelbench.evaluation  # noqa: F401
    import skelbench.layouts  # noqa: F401
    import skelbench.models  # noqa: F401
    import skelbench.structures  # noqa: F401

    if not init_default_scope:
        return
    current = DefaultScope.get_current_instance()
    if current is None or not DefaultScope.check_instance_created(
            'skelbench'):
        DefaultScope.get_instance('skelbench', scope_name='skelbench')
        return
    if current.scope_name != 'skelbench':
        warnings.warn('The current default scope '
                      f'"{current.scope_name}" is not "skelbench"; '
                      '`register_all_modules` forces it to "skelbench".')
        new_name = f'skelbench-{datetime.datetime.now()}'
        DefaultScope.get_instance(new_name, scope_name='skelbench')
