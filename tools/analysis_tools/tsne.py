"""t-SNE picture of a frozen encoder's features, coloured by class.

    python tools/analysis_tools/tsne.py CONFIG [--checkpoint CKPT] \
        [--split test|train] [--out tsne.png] [--seed 0] [--cfg-options ...]

CONFIG is a pretraining or recognizer config; CKPT a training or backbone
checkpoint of it (none: the random initialisation). Features are the
model's pooled ``extract_feat`` of the split through the test pipeline
(the probes' features); the embedding is scikit-learn's t-SNE.
"""
import argparse
import os.path as osp

import numpy as np
from mmengine.config import Config, DictAction
from mmengine.dataset import pseudo_collate
from torch.utils.data import DataLoader

from skelbench.checkpoint import load_encoder_weights
from skelbench.evaluation.functional import (build_probe_datasets,
                                             build_probe_model,
                                             extract_features)
from skelbench.utils import register_all_modules
from skelbench.visualization import plot_embedding, tsne_embedding


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('--checkpoint')
    parser.add_argument('--split', choices=('test', 'train'), default='test')
    parser.add_argument('--out', default='tsne.png')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--perplexity', type=float, default=30.)
    parser.add_argument('--batch-size', type=int, default=64)
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args(argv)
    register_all_modules()
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    train_set, test_set = build_probe_datasets(cfg)
    dataset = test_set if args.split == 'test' else train_set
    model = build_probe_model(cfg, args.seed)
    what = 'random initialisation'
    if args.checkpoint:
        what = load_encoder_weights(model, args.checkpoint)
    feats, labels = extract_features(model, DataLoader(
        dataset, batch_size=args.batch_size, shuffle=False,
        collate_fn=pseudo_collate, num_workers=0))
    emb = tsne_embedding(feats, seed=args.seed, perplexity=args.perplexity)
    classes = dataset.metainfo.get('classes')
    name = osp.splitext(osp.basename(args.config))[0]
    plot_embedding(emb, labels, args.out, class_names=classes,
                   title=f'{name} ({args.split}, {what})')
    print(f'{len(feats)} {args.split} samples ({feats.shape[1]}-d, '
          f'{len(np.unique(labels))} classes, {what}) -> {args.out}')
    return args.out


if __name__ == '__main__':
    main()
