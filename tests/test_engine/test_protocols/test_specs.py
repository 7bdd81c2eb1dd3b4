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


@pytest.mark.parametrize('text, match', [
    ('linear,linear', 'twice'),
    ('semi-0', r'\(0, 100\]'),
    ('semi-150', r'\(0, 100\]'),
    ('lienar', "unknown protocol 'lienar'"),
    ('transfer-', 'unknown protocol'),
    (' , ', 'no protocol'),
])
def test_bad_lists_are_refused(text, match):
    with pytest.raises(ValueError, match=match):
        parse_protocols(text)
