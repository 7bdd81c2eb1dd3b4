"""Statistics of a config's data (raw annotations, before the pipeline),
side by side for several configs: how close generated data is to real data.

    python tools/analysis_tools/data_statistics.py CONFIG [CONFIG ...] \
        [--split train|test] [--out stats.json]

Each CONFIG's train (or test) dataloader dataset is built and its
sequences summarised by ``skelbench.datasets.statistics.sequence_statistics``
(the statistics are defined in that module's docstring).
"""
import argparse
import json
import os.path as osp

from mmengine.config import Config

from skelbench.datasets.statistics import sequence_statistics
from skelbench.layouts import get_layout
from skelbench.registry import DATASETS
from skelbench.utils import register_all_modules


def config_statistics(config: str, split: str = 'train') -> dict:
    cfg = Config.fromfile(config)
    loader = cfg.train_dataloader if split == 'train' else cfg.test_dataloader
    dataset = DATASETS.build(loader.dataset)
    layout = dataset.layout
    layout = get_layout(layout) if isinstance(layout, str) else layout
    anns = [dataset.get_data_info(i) for i in range(len(dataset))]
    return sequence_statistics(anns, layout.parents, layout.shoulder_line)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('configs', nargs='+')
    parser.add_argument('--split', choices=('train', 'test'), default='train')
    parser.add_argument('--out', help='write the statistics as JSON')
    args = parser.parse_args(argv)
    register_all_modules()
    stats = {c: config_statistics(c, args.split) for c in args.configs}
    names = [osp.splitext(osp.basename(c))[0] for c in args.configs]
    keys = list(dict.fromkeys(k for s in stats.values() for k in s))
    print('| statistic | ' + ' | '.join(names) + ' |')
    print('| --- |' + ' --- |' * len(names))
    for k in keys:
        print(f'| {k} | ' + ' | '.join(
            f'{stats[c][k]:.4g}' if k in stats[c] else '-'
            for c in args.configs) + ' |')
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(stats, f, indent=2)
    return stats


if __name__ == '__main__':
    main()
