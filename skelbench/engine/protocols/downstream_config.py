"""Turn a benchmark config into the config of one protocol run.

Each function edits a copy of a Runner config (:class:`mmengine.Config`)
and returns it:

* :func:`with_holdout`: model selection on a validation part held out of
  the training split (:class:`~skelbench.datasets.subsets.HoldoutSubset`):
  training on the rest, validation on the held-out part through the test
  pipeline, ``CheckpointHook(save_best='acc/top1')``; the test split is
  only scored afterwards;
* :func:`with_label_fraction`: training on a class-balanced fraction of
  the labels (:class:`~skelbench.datasets.subsets.LabelFractionSubset`),
  without validation (the last epoch is reported);
* :func:`with_pretrained`: the encoder initialised from a backbone
  checkpoint;
* :func:`with_teacher`: the teacher of a distillation config
  (``Distiller``): its checkpoint and, optionally, its recognizer config;
* :func:`distill_from_finetune`: a distillation config made of a fine-tune
  config, for methods without one;
* :func:`with_run_settings`: work dir and seed.
"""
import copy

from mmengine.config import Config, ConfigDict

__all__ = ['with_holdout', 'with_label_fraction', 'with_pretrained',
           'with_run_settings', 'without_validation', 'BEST_METRIC',
           'teacher_model', 'with_teacher', 'distill_from_finetune']

#: The validation metric the best checkpoint is chosen by.
BEST_METRIC = 'acc/top1'


def _train_dataset(cfg, what: str) -> dict:
    loader = cfg.get('train_dataloader')
    if not loader or 'dataset' not in loader:
        raise ValueError(f'{cfg.filename}: {what} wraps '
                         'train_dataloader.dataset, which the config does '
                         'not have')
    return copy.deepcopy(loader['dataset'])


def _test_pipeline(cfg):
    for key in ('test_dataloader', 'val_dataloader'):
        loader = cfg.get(key)
        if loader and 'pipeline' in loader.get('dataset', {}):
            return copy.deepcopy(loader['dataset']['pipeline'])
    raise ValueError(f'{cfg.filename}: the hold-out validation part needs '
                     'test_dataloader.dataset.pipeline')


def _evaluator_without_knn(evaluator):
    metrics = evaluator if isinstance(evaluator, (list, tuple)) \
        else [evaluator]
    return [m for m in metrics if m.get('type') != 'KNNMetric']


def without_validation(cfg: Config) -> Config:
    """No validation during training, no best checkpoint."""
    cfg = copy.deepcopy(cfg)
    cfg.val_dataloader = cfg.val_cfg = cfg.val_evaluator = None
    cfg.train_cfg.pop('val_interval', None)
    cfg.train_cfg.pop('val_begin', None)
    checkpoint = cfg.default_hooks.get('checkpoint')
    if checkpoint:
        checkpoint.save_best = None
    return cfg


def with_holdout(cfg: Config, val_fraction: float, seed: int = 0,
                 save_file=None) -> Config:
    """Validate on a held-out part of the training split.

    ``train_dataloader.dataset`` becomes ``HoldoutSubset(part='train')``,
    ``val_dataloader`` the same split's ``HoldoutSubset(part='val')``
    through the test pipeline (``val_evaluator`` and ``test_evaluator`` =
    the test evaluator without kNN, which the harness runs on cached
    features), and the
    checkpoint hook keeps the best checkpoint by validation top-1.
    """
    cfg = copy.deepcopy(cfg)
    train = _train_dataset(cfg, 'the hold-out')
    split = dict(val_fraction=val_fraction, seed=seed)
    cfg.train_dataloader.dataset = ConfigDict(
        type='HoldoutSubset', part='train', dataset=train, **split,
        save_file=save_file)
    val_set = dict(copy.deepcopy(train), pipeline=_test_pipeline(cfg),
                   test_mode=True)
    test_loader = cfg.get('test_dataloader') or cfg.get('val_dataloader')
    if not test_loader:
        raise ValueError(f'{cfg.filename}: no test_dataloader')
    val_loader = copy.deepcopy(test_loader)
    val_loader['dataset'] = dict(type='HoldoutSubset', part='val',
                                 dataset=val_set, **split)
    cfg.val_dataloader = val_loader
    cfg.val_cfg = dict(type='ValLoop')
    evaluator = cfg.get('test_evaluator') or cfg.get('val_evaluator')
    cfg.val_evaluator = _evaluator_without_knn(evaluator)
    if not any(m.get('type') == 'AccMetric' for m in cfg.val_evaluator):
        raise ValueError(f'{cfg.filename}: the hold-out selects by '
                         f'{BEST_METRIC}, but the evaluator has no AccMetric')
    # kNN is the harness's own (cached) protocol: without its bank hook the
    # test evaluator keeps the classifier's metrics only
    cfg.custom_hooks = [h for h in cfg.get('custom_hooks', [])
                        if h.get('type') != 'KNNBankHook']
    if cfg.get('test_evaluator'):
        cfg.test_evaluator = _evaluator_without_knn(cfg.test_evaluator)
    cfg.default_hooks.checkpoint = dict(
        cfg.default_hooks.get('checkpoint') or dict(type='CheckpointHook'),
        save_best=BEST_METRIC, rule='greater')
    return cfg


def with_label_fraction(cfg: Config, fraction: float, seed: int = 0,
                        save_file=None) -> Config:
    """Train on a class-balanced ``fraction`` of the labelled training
    split (seeded: identical on every rank), without validation. A
    config that already trains on a ``LabelFractionSubset`` (a
    semi-supervised recipe) keeps it, with ``fraction``, ``seed`` and
    ``save_file`` replaced (not a subset of its subset).

    Raises:
        ValueError: If the config's subset is fixed by an ``ids_file``
            (the per-seed subsets would not be drawn).
    """
    cfg = copy.deepcopy(cfg)
    train = _train_dataset(cfg, 'the label fraction')
    if train.get('type') == 'LabelFractionSubset':
        if train.get('ids_file'):
            raise ValueError(
                f'{cfg.filename}: train_dataloader.dataset is a '
                f"LabelFractionSubset fixed by ids_file={train['ids_file']!r}"
                '; the semi-supervised protocol draws a subset per seed '
                '(remove ids_file to run it)')
        train.update(fraction=fraction, seed=seed, save_file=save_file)
        cfg.train_dataloader.dataset = train
    else:
        cfg.train_dataloader.dataset = ConfigDict(
            type='LabelFractionSubset', fraction=fraction, seed=seed,
            dataset=train, save_file=save_file)
    return without_validation(cfg)


def with_pretrained(cfg: Config, checkpoint: str,
                    prefix: str = 'backbone.') -> Config:
    """``model.backbone.init_cfg`` = the weights of ``checkpoint``."""
    cfg = copy.deepcopy(cfg)
    cfg.model.backbone.init_cfg = dict(type='Pretrained',
                                       checkpoint=checkpoint, prefix=prefix)
    return cfg


def teacher_model(cfg: Config) -> ConfigDict:
    """The recognizer of a fine-tune config as a distillation teacher:
    ``cfg.model`` without the ``init_cfg`` of the model and its backbone
    (the teacher's weights all come from its checkpoint)."""
    model = copy.deepcopy(cfg.model)
    model.pop('init_cfg', None)
    if 'backbone' in model:
        model.backbone.pop('init_cfg', None)
    return model


def _check_distiller(cfg: Config) -> None:
    if (cfg.get('model') or {}).get('type') != 'Distiller':
        raise ValueError(f'{cfg.filename}: a distillation config needs '
                         "model.type='Distiller', got "
                         f"{(cfg.get('model') or {}).get('type')!r}")


def with_teacher(cfg: Config, checkpoint: str,
                 teacher: dict = None) -> Config:
    """The distillation config ``cfg`` with its teacher loaded from
    ``checkpoint``; ``teacher`` (a recognizer config, e.g.
    :func:`teacher_model` of the fine-tune config that trained the
    checkpoint) replaces ``model.teacher``.

    Raises:
        ValueError: If ``cfg`` is not a ``Distiller`` config, or the
            teacher and the student predict different numbers of classes.
    """
    _check_distiller(cfg)
    cfg = copy.deepcopy(cfg)
    if teacher is not None:
        cfg.model.teacher = copy.deepcopy(teacher)
    classes = [cfg.model[k].get('cls_head', {}).get('num_classes')
               for k in ('student', 'teacher')]
    if classes[0] != classes[1]:
        raise ValueError(f'{cfg.filename}: the student predicts '
                         f'{classes[0]} classes, the teacher {classes[1]}')
    cfg.model.teacher_checkpoint = checkpoint
    cfg.model.teacher_prefix = ''
    return cfg


def distill_from_finetune(cfg: Config, tau: float = 1.0) -> Config:
    """A distillation config made of the fine-tune config ``cfg``: the
    student is the teacher's architecture (``cfg.model``) from a random
    initialisation, trained with the fine-tune recipe (data, optimizer,
    schedule, epochs) as the ``scratch`` protocol trains it (layer decay
    1), the labels replaced by the teacher's softened predictions
    (:class:`SoftTargetCrossEntropyLoss`, ``tau``). The teacher comes from
    :func:`with_teacher`.

    The optimizer keeps the frozen teacher out: a
    ``LayerDecayOptimWrapperConstructor`` is pointed at the student's
    encoder, the default constructor becomes
    ``TrainableOptimWrapperConstructor``.
    """
    cfg = copy.deepcopy(cfg)
    model = teacher_model(cfg)
    cfg.model = ConfigDict(
        type='Distiller', student=copy.deepcopy(model),
        teacher=copy.deepcopy(model),
        data_preprocessor=copy.deepcopy(model.get('data_preprocessor')),
        loss=dict(type='SoftTargetCrossEntropyLoss', tau=tau))
    optim = cfg.optim_wrapper
    constructor = optim.get('constructor')
    if constructor == 'LayerDecayOptimWrapperConstructor':
        paramwise = optim.paramwise_cfg
        paramwise.layer_decay_rate = 1.0
        paramwise.backbone_name = 'student.' + paramwise.get(
            'backbone_name', 'backbone')
    elif constructor in (None, 'DefaultOptimWrapperConstructor'):
        optim.constructor = 'TrainableOptimWrapperConstructor'
    return cfg


def with_run_settings(cfg: Config, work_dir: str, seed: int) -> Config:
    """The run's work dir and seed (the same on every rank)."""
    cfg = copy.deepcopy(cfg)
    cfg.work_dir = work_dir
    cfg.randomness = dict(cfg.get('randomness') or {}, seed=seed,
                          diff_rank_seed=False)
    return cfg
