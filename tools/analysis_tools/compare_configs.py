"""Compare the resolved configs of the working tree with a git revision.

Every config under ``configs/`` (bases excluded: files below a ``_base_``
folder or named ``_base_*.py``) is resolved with ``Config.fromfile`` in the
working tree and in ``--ref`` (extracted with ``git archive`` into a
temporary folder), and the two ``to_dict()`` forms are compared. Each
difference is printed with its dotted path and put in one of two groups:

* ``runtime``: top-level keys that the runner or skelbench's tools read
  (``model``, ``*_dataloader``, ``*_evaluator``, the loops' ``*_cfg``,
  ``optim_wrapper``, ``param_scheduler``, hooks, runtime settings; see
  ``RUNTIME_KEYS``). A runtime key set to ``None`` counts as absent: the
  runner reads them with ``cfg.get(key)``.
* ``helper``: any other top-level name (``clip_len``, ``augment``, ...),
  variables that configs use to build the runtime keys.

Usage::

    python tools/analysis_tools/compare_configs.py --ref HEAD \\
        --rename mask_contrast/=nat_contrast/

``--rename OLD=NEW`` maps a config path (relative to ``configs/``; a
trailing ``/`` maps a folder prefix) of the revision to its path in the
working tree; ``--rename-file`` reads such pairs, one ``OLD NEW`` per
line. The exit status is 1 when a runtime key differs or a config of the
revision has no counterpart, else 0.
"""
import argparse
import io
import json
import os
import os.path as osp
import subprocess
import sys
import tarfile
import tempfile
from typing import Dict, Iterator, List, Tuple

from mmengine.config import Config

RUNTIME_KEYS = frozenset({
    'model', 'model_wrapper_cfg', 'find_unused_parameters',
    'data_preprocessor',
    'train_dataloader', 'val_dataloader', 'test_dataloader', 'train_cfg',
    'val_cfg', 'test_cfg', 'val_evaluator', 'test_evaluator', 'optim_wrapper',
    'param_scheduler', 'auto_scale_lr', 'default_hooks', 'custom_hooks',
    'default_scope', 'runner_type', 'env_cfg', 'log_processor', 'log_level',
    'visualizer', 'randomness', 'load_from', 'resume', 'launcher',
    'work_dir', 'experiment_name', 'custom_imports', 'cfg'
})
MISSING = '<absent>'


def is_runtime_key(key: str) -> bool:
    return key in RUNTIME_KEYS or key.endswith(('_dataloader', '_evaluator'))


def find_configs(root: str) -> List[str]:
    """Config paths relative to ``root/configs``, bases excluded."""
    base = osp.join(root, 'configs')
    found = []
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d != '_base_')
        for name in files:
            if name.endswith('.py') and not name.startswith('_base_'):
                found.append(osp.relpath(osp.join(folder, name), base))
    return sorted(found)


def resolve(root: str, rel: str) -> dict:
    """``Config.fromfile(...).to_dict()`` as plain JSON values (tuples as
    lists, anything else not JSON as its repr); ``{'__error__': ...}``
    when the file does not resolve."""
    try:
        cfg = Config.fromfile(osp.join(root, 'configs', rel))
        return json.loads(json.dumps(cfg.to_dict(), default=repr))
    except Exception as exc:  # reported, never hidden
        return {'__error__': f'{type(exc).__name__}: {exc}'}


def extract_revision(rev: str, repo: str, dest: str) -> str:
    """Write ``configs/`` of ``rev`` below ``dest``; return its commit."""
    commit = subprocess.run(
        ['git', '-C', repo, 'rev-parse', '--verify', f'{rev}^{{commit}}'],
        check=True, capture_output=True, text=True).stdout.strip()
    archive = subprocess.run(['git', '-C', repo, 'archive', commit,
                              'configs'], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        try:
            tar.extractall(dest, filter='data')
        except TypeError:  # Python < 3.11.4: no extraction filters
            tar.extractall(dest)
    return commit


def parse_renames(pairs: List[str], rename_file: str = None
                  ) -> List[Tuple[str, str]]:
    items = list(pairs)
    if rename_file:
        with open(rename_file, encoding='utf-8') as f:
            for n, line in enumerate(f, 1):
                line = line.split('#', 1)[0].strip()
                if not line:
                    continue
                parts = line.split()
                if len(parts) != 2:
                    raise SystemExit(f'{rename_file}:{n}: expected '
                                     f'"OLD NEW", got {line!r}')
                items.append('='.join(parts))
    renames = []
    for item in items:
        old, sep, new = item.partition('=')
        if not sep or not old or not new:
            raise SystemExit(f'--rename expects OLD=NEW, got {item!r}')
        renames.append((old, new))
    return renames


def renamed(rel: str, renames: List[Tuple[str, str]]) -> str:
    for old, new in renames:
        if old.endswith('/') and rel.startswith(old):
            return new + rel[len(old):]
        if rel == old:
            return new
    return rel


def diff(a, b, path: str = '') -> Iterator[Tuple[str, object, object]]:
    """Yield ``(dotted path, a value, b value)`` for every difference."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            sub = f'{path}.{key}' if path else str(key)
            if key not in a:
                yield sub, MISSING, b[key]
            elif key not in b:
                yield sub, a[key], MISSING
            else:
                yield from diff(a[key], b[key], sub)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            yield from diff(x, y, f'{path}[{i}]')
    elif a != b:
        yield path, a, b


def drop_none_runtime(cfg: dict) -> dict:
    return {k: v for k, v in cfg.items()
            if not (v is None and is_runtime_key(k))}


def compare(old: dict, new: dict) -> Dict[str, list]:
    groups = {'runtime': [], 'helper': []}
    for path, a, b in diff(drop_none_runtime(old), drop_none_runtime(new)):
        top = path.split('.', 1)[0].split('[', 1)[0]
        groups['runtime' if is_runtime_key(top) else 'helper'].append(
            (path, a, b))
    return groups


def short(value, width: int = 100) -> str:
    text = json.dumps(value, sort_keys=True) if value is not MISSING \
        else MISSING
    return text if len(text) <= width else text[:width - 3] + '...'


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description='Compare resolved configs of the working tree with a '
        'git revision (runtime keys vs helper variables).')
    parser.add_argument('--ref', default='HEAD',
                        help='git revision to compare with (default HEAD)')
    parser.add_argument('--repo', default=osp.dirname(osp.dirname(
        osp.dirname(osp.abspath(__file__)))),
        help='repository root (default: this checkout)')
    parser.add_argument('--rename', action='append', default=[],
                        metavar='OLD=NEW',
                        help='a config moved from OLD (in --ref) to NEW, '
                        'relative to configs/; OLD/ maps a folder prefix')
    parser.add_argument('--rename-file',
                        help='file of "OLD NEW" lines, as --rename')
    parser.add_argument('--helpers', action='store_true',
                        help='also list the helper differences one by one')
    args = parser.parse_args(argv)
    renames = parse_renames(args.rename, args.rename_file)

    with tempfile.TemporaryDirectory() as tmp:
        commit = extract_revision(args.ref, args.repo, tmp)
        old_files = find_configs(tmp)
        old = {renamed(rel, renames): (rel, resolve(tmp, rel))
               for rel in old_files}
    new_files = find_configs(args.repo)
    print(f'{len(old_files)} configs in {args.ref} ({commit[:10]}), '
          f'{len(new_files)} in the working tree')

    counts = dict(identical=0, helper=0, runtime=0, added=0, removed=0,
                  errors=0)
    for rel in sorted(set(old) | set(new_files)):
        if rel not in old:
            counts['added'] += 1
            print(f'+ {rel} (new)')
            continue
        old_rel, old_cfg = old[rel]
        moved = f' (was {old_rel})' if old_rel != rel else ''
        if rel not in new_files:
            counts['removed'] += 1
            print(f'- {old_rel} (no counterpart in the working tree)')
            continue
        new_cfg = resolve(args.repo, rel)
        if '__error__' in old_cfg or '__error__' in new_cfg:
            counts['errors'] += 1
            print(f'! {rel}{moved}: {old_cfg.get("__error__", "ok")} -> '
                  f'{new_cfg.get("__error__", "ok")}')
            continue
        groups = compare(old_cfg, new_cfg)
        if not groups['runtime'] and not groups['helper']:
            counts['identical'] += 1
            if moved:
                print(f'= {rel}{moved}')
            continue
        kind = 'runtime' if groups['runtime'] else 'helper'
        counts[kind] += 1
        print(f'~ {rel}{moved}')
        for path, a, b in groups['runtime']:
            print(f'    runtime  {path}: {short(a)} -> {short(b)}')
        if args.helpers:
            for path, a, b in groups['helper']:
                print(f'    helper   {path}: {short(a)} -> {short(b)}')
        elif groups['helper']:
            names = sorted({p.split('.', 1)[0].split('[', 1)[0]
                            for p, _, _ in groups['helper']})
            print(f'    helper   {", ".join(names)}')
    print('summary: ' + ', '.join(f'{v} {k}' for k, v in counts.items()))
    failed = counts['runtime'] or counts['removed'] or counts['errors']
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
