"""Confusion matrix picture and per-class accuracy of test predictions.

    python tools/test.py CONFIG --checkpoint CKPT --dump preds.pkl
    python tools/analysis_tools/confusion_matrix.py preds.pkl \
        [--config CONFIG] [--out cm.png] [--json per_class.json]

``preds.pkl`` is the ``--dump`` output of ``tools/test.py`` (per-sample
``label`` and ``pred_score``), read with the restricted annotation
unpickler. ``--config`` gives class names (the test dataset's
``metainfo['classes']``).
"""
import argparse
import json

import numpy as np
from mmengine.config import Config

from skelbench.datasets import safe_pickle_load
from skelbench.registry import DATASETS
from skelbench.utils import register_all_modules
from skelbench.visualization import (confusion_matrix, per_class_accuracy,
                                     plot_confusion_matrix)


def read_dump(path):
    """``(labels (N,), preds (N,), num_classes)`` of a ``--dump`` file."""
    items = safe_pickle_load(path)
    if not isinstance(items, list) or not items:
        raise ValueError(f'{path}: not a tools/test.py --dump file (a '
                         'non-empty list of per-sample dicts)')
    for i, item in enumerate(items):
        if 'label' not in item or 'pred_score' not in item:
            raise ValueError(f'{path}: sample {i} has no label / pred_score '
                             '(dump of a model without a classification '
                             'head?)')
    labels = np.array([it['label'] for it in items])
    scores = np.stack([np.asarray(it['pred_score']) for it in items])
    return labels, scores.argmax(1), scores.shape[1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('dump')
    parser.add_argument('--config', help='config of the run: class names')
    parser.add_argument('--out', default='confusion_matrix.png')
    parser.add_argument('--json', help='write per-class accuracy as JSON')
    args = parser.parse_args(argv)
    labels, preds, num_classes = read_dump(args.dump)
    names = None
    if args.config:
        register_all_modules()
        cfg = Config.fromfile(args.config)
        names = DATASETS.build(cfg.test_dataloader.dataset).metainfo.get(
            'classes')
    cm = confusion_matrix(labels, preds, num_classes)
    acc = per_class_accuracy(cm)
    plot_confusion_matrix(cm, args.out, class_names=names)
    names = list(names) if names else [str(c) for c in range(num_classes)]
    print(f'top-1 {100 * (labels == preds).mean():.2f}% over {len(labels)} '
          f'samples, mean class accuracy {np.nanmean(acc):.2f}%')
    order = np.argsort(np.nan_to_num(acc, nan=101))
    for c in order:
        if not np.isnan(acc[c]):
            print(f'  {names[c]:<24}{acc[c]:6.1f}%  ({int(cm[c].sum())} '
                  'samples)')
    if args.json:
        with open(args.json, 'w') as f:
            json.dump({names[c]: (None if np.isnan(acc[c]) else
                                  float(acc[c])) for c in range(num_classes)},
                      f, indent=2)
    print(f'wrote {args.out}')
    return cm


if __name__ == '__main__':
    main()
