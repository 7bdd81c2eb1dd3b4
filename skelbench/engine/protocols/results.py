"""``results.json`` of a benchmark run, its Markdown table, and the merge
of many runs into one comparison table.

``results.json``::

    {"pretrain_config": ..., "checkpoint": ..., "seeds": [0, 1, 2],
     "protocols": {
        "finetune": {"config": ..., "runs": [{"seed": 0, "last": 71.2,
                     "best_val": 80.1, "test_at_best_val": 70.4, ...}],
                     "summary": {"last": {"mean": .., "std": .., "n": 3},
                                 ...}},
        ...}}

Every number is a test top-1 accuracy in % except ``best_val`` (the
validation top-1 of the selected epoch). ``last`` = the last epoch;
``test_at_best_val`` = the epoch best on the held-out validation part;
``teacher_test`` (distillation) = the teacher's, of the checkpoint the
student was distilled from. No number is selected on the test set.
"""
import json
import math
import os
import os.path as osp
from typing import Dict, List, Sequence

from skelbench.checkpoint import atomic_target

__all__ = ['summarize_runs', 'format_mean_std', 'results_table',
           'write_results', 'load_results', 'merge_rows', 'merge_tables',
           'HEADLINE']

#: What a protocol's column shows, first key present.
HEADLINE = ('test_at_best_val', 'last', 'k1_acc')
#: Keys of a run summarised over seeds.
_NUMERIC = ('last', 'best_val', 'test_at_best_val', 'k1_acc', 'k20_acc',
            'teacher_test')


def summarize_runs(runs: Sequence[dict]) -> Dict[str, dict]:
    """``{key: {'mean', 'std', 'n'}}`` over the runs (population std =
    0 for one run; sample std, ``n - 1``, otherwise)."""
    out = {}
    for key in _NUMERIC:
        values = [float(r[key]) for r in runs if r.get(key) is not None]
        if not values:
            continue
        mean = sum(values) / len(values)
        std = math.sqrt(sum((v - mean) ** 2 for v in values) /
                        (len(values) - 1)) if len(values) > 1 else 0.
        out[key] = dict(mean=mean, std=std, n=len(values))
    return out


def format_mean_std(stat: dict) -> str:
    """``71.2`` (one run) or ``71.2 ± 0.8`` (mean ± std of ``n`` runs)."""
    if stat['n'] == 1:
        return f"{stat['mean']:.1f}"
    return f"{stat['mean']:.1f} ± {stat['std']:.1f}"


def results_table(results: dict) -> str:
    """Markdown table of one ``results.json``: a row per protocol and
    metric."""
    lines = [f"# {results.get('name', 'benchmark')}", '',
             f"pretraining config: `{results.get('pretrain_config')}`  ",
             f"checkpoint: `{results.get('checkpoint')}`  ",
             f"seeds: {results.get('seeds')}", '',
             '| protocol | metric | top-1 (%) | runs | config |',
             '| --- | --- | --- | --- | --- |']
    names = dict(last='last epoch', test_at_best_val='best on validation',
                 best_val='(validation top-1)', k1_acc='1-NN',
                 k20_acc='20-NN', teacher_test='(teacher)')
    for name, proto in results['protocols'].items():
        for key, stat in (proto.get('summary') or {}).items():
            # a distillation's teacher row names the teacher's config
            config = (key == 'teacher_test' and proto.get('teacher_config')
                      ) or proto.get('config') or '-'
            lines.append(f"| {name} | {names.get(key, key)} | "
                         f"{format_mean_std(stat)} | {stat['n']} | "
                         f"`{osp.basename(config)}` |")
    lines += ['', 'Test accuracies; model selection on a validation part '
              'held out of the training split, never on the test set.', '']
    return '\n'.join(lines)


def write_results(results: dict, work_dir: str) -> Dict[str, str]:
    """Write ``results.json`` and ``results.md`` into ``work_dir``
    (atomically); returns their paths."""
    os.makedirs(work_dir, exist_ok=True)
    paths = dict(json=osp.join(work_dir, 'results.json'),
                 md=osp.join(work_dir, 'results.md'))
    with atomic_target(paths['json']) as tmp:
        with open(tmp, 'w') as f:
            json.dump(results, f, indent=1)
    with atomic_target(paths['md']) as tmp:
        with open(tmp, 'w') as f:
            f.write(results_table(results))
    return paths


def load_results(path: str) -> dict:
    """A ``results.json`` (or the work dir holding one).

    Raises:
        ValueError: If the file is not a benchmark result (naming it).
    """
    if osp.isdir(path):
        path = osp.join(path, 'results.json')
    with open(path) as f:
        results = json.load(f)
    if not isinstance(results, dict) or 'protocols' not in results:
        raise ValueError(f'{path}: not a results.json of tools/benchmark.py '
                         "(no 'protocols')")
    results.setdefault('name', osp.basename(osp.dirname(osp.abspath(path))))
    return results


def _headline(proto: dict) -> str:
    summary = proto.get('summary') or {}
    for key in HEADLINE:
        if key in summary:
            mark = ' †' if key == 'last' else ''
            return format_mean_std(summary[key]) + mark
    return '-'


def merge_rows(all_results: List[dict]) -> List[dict]:
    """Join the results that share a ``name`` into one (in order of first
    appearance): several ``tools/benchmark.py`` runs of one checkpoint
    with different protocols make one row.

    Raises:
        ValueError: If two results of one name hold the same protocol or
            come from different checkpoints (naming both).
    """
    rows: Dict[str, dict] = {}
    for r in all_results:
        row = rows.get(r['name'])
        if row is None:
            rows[r['name']] = dict(r, protocols=dict(r['protocols']))
            continue
        if row.get('checkpoint') != r.get('checkpoint'):
            raise ValueError(
                f"row {r['name']!r}: results of checkpoints "
                f"{row.get('checkpoint')!r} and {r.get('checkpoint')!r} "
                'cannot share a row')
        for name, proto in r['protocols'].items():
            if name in row['protocols']:
                raise ValueError(f"row {r['name']!r}: protocol {name!r} is "
                                 'in two of its results')
            row['protocols'][name] = proto
    return list(rows.values())


def merge_tables(all_results: List[dict], protocols: Sequence[str] = ()
                 ) -> str:
    """One Markdown comparison table: a row per result name (results of
    one name are joined, :func:`merge_rows`), a column per protocol
    (``protocols``, default: every protocol in order of appearance). A
    cell is the best-on-validation test top-1 when the run held out a
    validation part, else the last epoch's; kNN shows 1-NN (``knn``
    column) and the linear probe its selection."""
    all_results = merge_rows(all_results)
    if not protocols:
        seen = []
        for r in all_results:
            for name in r['protocols']:
                if name not in seen:
                    seen.append(name)
        protocols = seen
    lines = ['| method | ' + ' | '.join(protocols) + ' |',
             '| --- |' + ' --- |' * len(protocols)]
    for r in all_results:
        cells = [_headline(r['protocols'][p]) if p in r['protocols']
                 else '-' for p in protocols]
        lines.append(f"| {r['name']} | " + ' | '.join(cells) + ' |')
    lines += ['', 'Test top-1 (%), mean ± std over seeds, of the epoch '
              'best on a validation part held out of the training split; '
              '† the last epoch (no validation part); knn: 1-NN.', '']
    return '\n'.join(lines)
