"""Extract the downstream encoder of a self-supervised checkpoint.

Writes ``{'state_dict': {'backbone.<key>': ...}, 'meta': ...}``, loadable
by ``tools/train.py CONFIG --pretrained OUT.pth`` (prefix ``backbone.``).

Which encoder is kept (``--source auto``):

* S-JEPA: the EMA **target encoder** (``target_backbone.module.*``), the
  one the paper uses downstream;
* MAMP, MAE, Gong et al., SkeletonMAE: the online encoder
  (``backbone.*``); Gong's momentum encoder is dropped.

``--source online|target|momentum`` forces one.

Usage::

    python tools/model_converters/extract_backbone.py epoch_200.pth \
        backbone.pth [--source auto]
"""
import argparse
import os.path as osp
from collections import OrderedDict

import torch

from skelbench.engine.checkpoint_compat import safe_torch_load

PREFIXES = OrderedDict(
    target='target_backbone.module.',
    momentum='momentum_backbone.module.',
    online='backbone.')


def extract(state_dict: dict, source: str = 'auto') -> OrderedDict:
    """``backbone.``-prefixed encoder weights of ``state_dict``."""
    if source == 'auto':
        source = 'target' if any(k.startswith(PREFIXES['target'])
                                 for k in state_dict) else 'online'
    if source not in PREFIXES:
        raise ValueError(f'unknown source {source!r}; choose auto, '
                         f"{', '.join(PREFIXES)}")
    prefix = PREFIXES[source]
    out = OrderedDict(('backbone.' + k[len(prefix):], v)
                      for k, v in state_dict.items() if k.startswith(prefix))
    if not out:
        raise KeyError(f'no {prefix!r} keys in the checkpoint (keys start '
                       f'with {sorted({k.split(".")[0] for k in state_dict})}'
                       ')')
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('src', help='training checkpoint')
    parser.add_argument('dst', help='output checkpoint')
    parser.add_argument('--source', default='auto',
                        choices=['auto'] + list(PREFIXES))
    args = parser.parse_args(argv)
    # weights_only + skelbench's allowlist: no arbitrary unpickling
    ckpt = safe_torch_load(args.src, map_location='cpu')
    state = ckpt.get('state_dict', ckpt)
    state = {k[len('module.'):] if k.startswith('module.') else k: v
             for k, v in state.items()}
    out = extract(state, args.source)
    meta = dict(source_checkpoint=osp.abspath(args.src),
                source=args.source)
    torch.save(dict(state_dict=out, meta=meta), args.dst)
    print(f'wrote {len(out)} tensors to {args.dst}')


if __name__ == '__main__':
    main()
