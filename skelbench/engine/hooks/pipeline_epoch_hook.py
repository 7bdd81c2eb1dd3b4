"""Give datasets the epoch and seed that key their augmentation streams."""
from mmengine.hooks import Hook

from skelbench.registry import HOOKS


def _unwrap_dataset(dataset):
    """Follow ``.dataset`` wrappers (RepeatDataset, subsets, ...)."""
    seen = set()
    while dataset is not None and id(dataset) not in seen:
        seen.add(id(dataset))
        if hasattr(dataset, 'set_epoch'):
            return dataset
        dataset = getattr(dataset, 'dataset', None)
    return None


@HOOKS.register_module()
class PipelineEpochHook(Hook):
    """Before every training epoch, set the train dataset's epoch and seed.

    :class:`~skelbench.datasets.SkeletonDataset` seeds each sample's
    generator from ``(seed, epoch, sample_idx)``; this hook sets ``seed``
    to the run's seed (``randomness.seed``) and ``epoch`` to the current
    epoch, so augmentations differ across epochs, are reproducible, do not
    depend on the number of workers, and continue exactly after a resume.
    The epoch lives in shared memory, so persistent workers see it.
    """

    priority = 'NORMAL'

    def before_train_epoch(self, runner) -> None:
        dataset = _unwrap_dataset(runner.train_dataloader.dataset)
        if dataset is None:
            return
        seed = runner.seed if runner.seed is not None else 0
        dataset.set_seed(seed)
        dataset.set_epoch(runner.epoch)
