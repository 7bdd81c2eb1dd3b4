"""Registries of skelbench.

Every registry is a child of the corresponding mmengine root registry, so
that a config with ``default_scope = 'skelbench'`` finds skelbench's
components first and mmengine's (optimizers, schedulers, loops, ...)
second. ``locations`` lets a registry import the package that defines its
members lazily, the first time it is searched.

``LAYOUTS`` is skelbench's own registry of skeleton layouts (joints, bones,
left/right sides, centre joints), see :mod:`skelbench.layouts`.
"""
from mmengine.registry import DATA_SAMPLERS as MMENGINE_DATA_SAMPLERS
from mmengine.registry import DATASETS as MMENGINE_DATASETS
from mmengine.registry import EVALUATOR as MMENGINE_EVALUATOR
from mmengine.registry import FUNCTIONS as MMENGINE_FUNCTIONS
from mmengine.registry import HOOKS as MMENGINE_HOOKS
from mmengine.registry import LOG_PROCESSORS as MMENGINE_LOG_PROCESSORS
from mmengine.registry import LOOPS as MMENGINE_LOOPS
from mmengine.registry import METRICS as MMENGINE_METRICS
from mmengine.registry import MODEL_WRAPPERS as MMENGINE_MODEL_WRAPPERS
from mmengine.registry import MODELS as MMENGINE_MODELS
from mmengine.registry import \
    OPTIM_WRAPPER_CONSTRUCTORS as MMENGINE_OPTIM_WRAPPER_CONSTRUCTORS
from mmengine.registry import OPTIM_WRAPPERS as MMENGINE_OPTIM_WRAPPERS
from mmengine.registry import OPTIMIZERS as MMENGINE_OPTIMIZERS
from mmengine.registry import PARAM_SCHEDULERS as MMENGINE_PARAM_SCHEDULERS
from mmengine.registry import RUNNERS as MMENGINE_RUNNERS
from mmengine.registry import TRANSFORMS as MMENGINE_TRANSFORMS
from mmengine.registry import VISBACKENDS as MMENGINE_VISBACKENDS
from mmengine.registry import VISUALIZERS as MMENGINE_VISUALIZERS
from mmengine.registry import \
    WEIGHT_INITIALIZERS as MMENGINE_WEIGHT_INITIALIZERS
from mmengine.registry import Registry

__all__ = [
    'RUNNERS', 'LOOPS', 'HOOKS', 'DATASETS', 'DATA_SAMPLERS', 'TRANSFORMS',
    'MODELS', 'MODEL_WRAPPERS', 'WEIGHT_INITIALIZERS', 'OPTIMIZERS',
    'OPTIM_WRAPPERS', 'OPTIM_WRAPPER_CONSTRUCTORS', 'PARAM_SCHEDULERS',
    'METRICS', 'EVALUATOR', 'VISUALIZERS', 'VISBACKENDS', 'LOG_PROCESSORS',
    'FUNCTIONS', 'LAYOUTS'
]

RUNNERS = Registry('runner', parent=MMENGINE_RUNNERS,
                   locations=['skelbench.engine'])
LOOPS = Registry('loop', parent=MMENGINE_LOOPS,
                 locations=['skelbench.engine'])
HOOKS = Registry('hook', parent=MMENGINE_HOOKS,
                 locations=['skelbench.engine.hooks'])

DATASETS = Registry('dataset', parent=MMENGINE_DATASETS,
                    locations=['skelbench.datasets'])
DATA_SAMPLERS = Registry('data sampler', parent=MMENGINE_DATA_SAMPLERS,
                         locations=['skelbench.datasets'])
TRANSFORMS = Registry('transform', parent=MMENGINE_TRANSFORMS,
                      locations=['skelbench.datasets.transforms'])

MODELS = Registry('model', parent=MMENGINE_MODELS,
                  locations=['skelbench.models'])
MODEL_WRAPPERS = Registry('model_wrapper', parent=MMENGINE_MODEL_WRAPPERS,
                          locations=['skelbench.models'])
WEIGHT_INITIALIZERS = Registry('weight initializer',
                               parent=MMENGINE_WEIGHT_INITIALIZERS,
                               locations=['skelbench.models'])

OPTIMIZERS = Registry('optimizer', parent=MMENGINE_OPTIMIZERS,
                      locations=['skelbench.engine'])
OPTIM_WRAPPERS = Registry('optim_wrapper', parent=MMENGINE_OPTIM_WRAPPERS,
                          locations=['skelbench.engine'])
OPTIM_WRAPPER_CONSTRUCTORS = Registry(
    'optimizer wrapper constructor',
    parent=MMENGINE_OPTIM_WRAPPER_CONSTRUCTORS,
    locations=['skelbench.engine'])
PARAM_SCHEDULERS = Registry('parameter scheduler',
                            parent=MMENGINE_PARAM_SCHEDULERS,
                            locations=['skelbench.engine'])

METRICS = Registry('metric', parent=MMENGINE_METRICS,
                   locations=['skelbench.evaluation'])
EVALUATOR = Registry('evaluator', parent=MMENGINE_EVALUATOR,
                     locations=['skelbench.evaluation'])

VISUALIZERS = Registry('visualizer', parent=MMENGINE_VISUALIZERS,
                       locations=['skelbench.visualization'])
VISBACKENDS = Registry('vis_backend', parent=MMENGINE_VISBACKENDS,
                       locations=['skelbench.visualization'])
LOG_PROCESSORS = Registry('log_processor', parent=MMENGINE_LOG_PROCESSORS,
                          locations=['skelbench.engine'])
FUNCTIONS = Registry('function', parent=MMENGINE_FUNCTIONS,
                     locations=['skelbench.datasets'])

# Skeleton layouts: a root registry of skelbench's own (no mmengine parent).
LAYOUTS = Registry('skeleton layout', scope='skelbench',
                   locations=['skelbench.layouts'])
