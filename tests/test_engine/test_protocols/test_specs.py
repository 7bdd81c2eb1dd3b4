"""Protocol names of tools/benchmark.py."""
import pytest

from skelbench.engine.protocols import Protocol, parse_protocols


def test_names_kinds_and_configs():
    got = parse_protocols('linear, knn,finetune,scratch,semi-1,semi-10,'
                          'semi-0.5,transfer-pku2')
    assert [p.kind for p in got] == ['linear', 'knn', 'finetune', 'scratch',
                                     'semi', 'semi', 'semi', 'transfer']
    assert [p.fraction for p in got if p.kind == 'semi'] == [0.01, 0.1,
                                                             0.005]
    assert got[-1] == Protocol('transfer-pku2', 'transfer', target='pku2')
    assert [p.benchmark_kind for p in got[:3]] == ['linear-probe',
                                                   'linear-probe',
                                                   'finetune']
    # a semi-supervised protocol prefers the method's own semi recipe
    assert [p.recipe_kind for p in got if p.kind == 'semi'] == [
        'semi-1pct', 'semi-10pct', 'semi-0.5pct']
    assert got[0].recipe_kind is None and got[2].recipe_kind is None


def test_distill_names_and_their_teachers():
    distill, semi = parse_protocols('distill,distill-10')
    assert (distill.kind, distill.fraction, distill.benchmark_kind) == (
        'distill', None, 'distill')
    assert distill.teacher == Protocol('finetune', 'finetune')
    assert semi.fraction == 0.1
    assert semi.teacher == Protocol('semi-10', 'semi', fraction=0.1)
    assert Protocol('semi-10', 'semi', fraction=0.1).teacher is None


@pytest.mark.parametrize('text, match', [
    ('linear,linear', 'twice'),
    ('semi-0', r'\(0, 100\]'),
    ('semi-150', r'\(0, 100\]'),
    ('lienar', "unknown protocol 'lienar'"),
    ('transfer-', 'unknown protocol'),
    ('distill-0', r'\(0, 100\]'),
    ('distil', 'unknown protocol'),
    (' , ', 'no protocol'),
])
def test_bad_lists_are_refused(text, match):
    with pytest.raises(ValueError, match=match):
        parse_protocols(text)
