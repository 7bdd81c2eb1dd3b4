"""Merge the ``results.json`` of several ``tools/benchmark.py`` runs into
one Markdown comparison table (a row per run, a column per protocol).

    python tools/analysis_tools/merge_results.py RESULTS [RESULTS ...] \
        [--names mamp,sjepa] [--protocols linear,knn,finetune,semi-10] \
        [--out table.md]

RESULTS is a ``results.json`` or the work dir holding one; a row is named
by ``--names`` (in order) or by the work dir. Results given the same name
join into one row (runs of one checkpoint with different protocols). A cell is the test top-1 of
the epoch best on the held-out validation part, mean ± std over seeds
(``†``: the last epoch, when the run had no validation part).
"""
import argparse

from skelbench.engine.protocols import load_results, merge_tables


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('results', nargs='+')
    parser.add_argument('--names', help='comma-separated row names')
    parser.add_argument('--protocols', help='comma-separated columns')
    parser.add_argument('--out', help='write the table to this file')
    args = parser.parse_args(argv)
    try:
        results = [load_results(p) for p in args.results]
    except (OSError, ValueError) as e:
        raise SystemExit(f'merge_results.py: {e}') from None
    if args.names:
        names = args.names.split(',')
        if len(names) != len(results):
            raise SystemExit(f'merge_results.py: {len(names)} names for '
                             f'{len(results)} results')
        for r, name in zip(results, names):
            r['name'] = name
    protocols = args.protocols.split(',') if args.protocols else ()
    try:
        table = merge_tables(results, protocols)
    except ValueError as e:
        raise SystemExit(f'merge_results.py: {e}') from None
    if args.out:
        with open(args.out, 'w') as f:
            f.write(table)
    print(table)


if __name__ == '__main__':
    main()
