"""How an S-JEPA checkpoint's softmax targets use their channels.

    python tools/analysis_tools/sjepa_target_codes.py CONFIG CKPT \
        [--split train|test] [--out codes.json]

CONFIG is an S-JEPA pretraining config, CKPT a training checkpoint of it
(the batch centre ``head.center`` is part of it). Every sequence of the
split goes through the test pipeline and the target encoder; the targets
``softmax((R - c) / tau_t)`` of all its tokens (with the config's
``sequence_centering``) are summarised by
:func:`skelbench.evaluation.functional.target_code_statistics`:
``code_share`` near 1 with few ``sequence_codes`` means the loss is
clustering whole sequences (configs/sjepa/README.md).
"""
import argparse
import json

import torch
from mmengine.config import Config, DictAction
from mmengine.dataset import pseudo_collate
from torch.utils.data import DataLoader

from skelbench.checkpoint import load_encoder_weights
from skelbench.evaluation.functional import (build_probe_datasets,
                                             build_probe_model,
                                             target_code_statistics)
from skelbench.utils import register_all_modules


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('--split', choices=('train', 'test'),
                        default='train')
    parser.add_argument('--batch-size', type=int, default=64)
    parser.add_argument('--out', help='write the statistics as JSON')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    return parser.parse_args(argv)


def main(argv=None) -> dict:
    args = parse_args(argv)
    register_all_modules()
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    model = build_probe_model(cfg, seed=0)
    head = getattr(model, 'head', None)
    if not hasattr(model, 'target_backbone') or not hasattr(head, 'center'):
        raise ValueError(f'{args.config}: model.type={cfg.model.get("type")}'
                         ' is not an S-JEPA model (needs a target encoder '
                         'and a JEPAHead)')
    print(f'loaded {load_encoder_weights(model, args.checkpoint)} from '
          f'{args.checkpoint}')
    train_set, test_set = build_probe_datasets(cfg)
    dataset = train_set if args.split == 'train' else test_set
    encoder = model.target_backbone.module
    tokens = []
    with torch.no_grad():
        for batch in DataLoader(dataset, batch_size=args.batch_size,
                                shuffle=False, collate_fn=pseudo_collate):
            data = model.data_preprocessor(batch, False)
            x = model.split_views(data['inputs'])[0]
            f = encoder(x)
            tokens.append(f.reshape(f.shape[0] * f.shape[1], -1,
                                    f.shape[-1]))
    tau_t = getattr(head.loss_module, 'tau_t', None)
    stats = target_code_statistics(
        torch.cat(tokens), center=head.center if head.centering else None,
        tau_t=tau_t, sequence_centering=head.sequence_centering)
    print(f'{args.split}: {len(dataset)} samples')
    for k, v in stats.items():
        print(f'{k:16s} {v:.4f}' if isinstance(v, float) else
              f'{k:16s} {v}')
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(dict(config=args.config, checkpoint=args.checkpoint,
                           split=args.split, statistics=stats), f, indent=2)
    return stats


if __name__ == '__main__':
    main()
