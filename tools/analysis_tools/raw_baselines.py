"""Raw-coordinate baselines of a config's dataset: logistic regression and
1-NN on the flattened test-pipeline output (no learning of features).

    python tools/analysis_tools/raw_baselines.py CONFIG [--cfg-options ...]

The same numbers are the ``raw coordinates`` row of
``probe_features.py CONFIG --raw``.

Training samples = the train dataloader's dataset with the *test*
pipeline; queries = the test dataloader's dataset. Logistic regression on
standardised features; 1-NN with cosine similarity. These are the floors a
learned (or self-supervised) encoder must beat.
"""
import argparse
import time

from mmengine.config import Config, DictAction

from skelbench.evaluation.functional import (build_probe_datasets,
                                             logistic_probe_accuracy,
                                             nearest_neighbour_accuracy,
                                             raw_features)
from skelbench.utils import register_all_modules


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args()
    register_all_modules()
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    start = time.time()
    train_set, test_set = build_probe_datasets(cfg)
    x_tr, y_tr = raw_features(train_set)
    x_te, y_te = raw_features(test_set)
    logistic = logistic_probe_accuracy(x_tr, y_tr, x_te, y_te)
    one_nn = nearest_neighbour_accuracy(x_tr, y_tr, x_te, y_te)
    print(f'train {len(y_tr)} / test {len(y_te)} samples, feature dim '
          f'{x_tr.shape[1]}')
    print(f'logistic regression (raw coordinates): {logistic:.1f}%')
    print(f'1-NN cosine (raw coordinates): {one_nn:.1f}%')
    print(f'time {time.time() - start:.1f}s')


if __name__ == '__main__':
    main()
