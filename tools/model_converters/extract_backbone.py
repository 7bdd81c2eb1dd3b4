"""Extract the downstream encoder of a self-supervised checkpoint.

Writes ``{'state_dict': {'backbone.<key>': ...}, 'meta': ...}``, loadable
by ``tools/train.py CONFIG --pretrained OUT.pth`` (prefix ``backbone.``).

Which encoder is kept (``--source auto``) is decided by
:func:`skelbench.checkpoint.encoder_state_dict`: S-JEPA's EMA target
encoder, a distilled student's encoder (``Distiller``), the online encoder
of the other methods. ``--source online|target|momentum|student|teacher``
forces one.

Usage::

    python tools/model_converters/extract_backbone.py epoch_200.pth \
        backbone.pth [--source auto]
"""
import argparse
import os.path as osp

import torch

from skelbench.checkpoint import (ENCODER_PREFIXES, atomic_target,
                                  encoder_state_dict, extract_state_dict,
                                  safe_torch_load, strip_module_prefix)

# also importable from this script: extract(state_dict, source), PREFIXES
PREFIXES = ENCODER_PREFIXES
extract = encoder_state_dict


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('src', help='training checkpoint')
    parser.add_argument('dst', help='output checkpoint')
    parser.add_argument('--source', default='auto',
                        choices=['auto'] + list(PREFIXES))
    args = parser.parse_args(argv)
    # weights_only + skelbench's allowlist: no arbitrary unpickling
    ckpt = safe_torch_load(args.src, map_location='cpu')
    state = strip_module_prefix(extract_state_dict(ckpt))
    out = encoder_state_dict(state, args.source)
    meta = dict(source_checkpoint=osp.abspath(args.src),
                source=args.source)
    with atomic_target(args.dst) as tmp:
        torch.save(dict(state_dict=out, meta=meta), tmp)
    print(f'wrote {len(out)} tensors to {args.dst}')


if __name__ == '__main__':
    main()
