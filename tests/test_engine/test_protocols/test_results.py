"""results.json summaries and the merged comparison table."""
import json

import pytest

from skelbench.engine.protocols import (format_mean_std, load_results,
                                        merge_rows, merge_tables,
                                        summarize_runs, write_results)


def test_mean_and_sample_std_over_seeds():
    runs = [dict(seed=0, last=70., test_at_best_val=71.),
            dict(seed=1, last=72., test_at_best_val=None),
            dict(seed=2, last=74.)]
    got = summarize_runs(runs)
    assert got['last'] == dict(mean=72., std=2., n=3)
    assert got['test_at_best_val'] == dict(mean=71., std=0., n=1)
    assert 'best_val' not in got
    assert format_mean_std(got['last']) == '72.0 ± 2.0'
    assert format_mean_std(got['test_at_best_val']) == '71.0'


def _result(name, **protos):
    return dict(name=name, protocols={
        p: dict(summary=summarize_runs(runs), runs=runs, config=f'{p}.py')
        for p, runs in protos.items()})


def test_written_read_and_merged(tmp_path):
    a = _result('sjepa', linear=[dict(last=60., test_at_best_val=61.)],
                knn=[dict(k1_acc=55., k20_acc=58.)])
    b = _result('mamp', linear=[dict(last=50.), dict(last=54.)],
                **{'semi-10': [dict(last=40.)]})
    paths = write_results(a, str(tmp_path / 'a'))
    assert json.load(open(paths['json']))['protocols']['knn']['summary']
    md = open(paths['md']).read()
    assert '| linear | best on validation | 61.0 | 1 | `linear.py` |' in md
    assert '| knn | 1-NN | 55.0 |' in md
    loaded = load_results(str(tmp_path / 'a'))
    assert loaded['name'] == 'sjepa'
    table = merge_tables([loaded, b]).splitlines()
    assert table[0] == '| method | linear | knn | semi-10 |'
    assert table[2] == '| sjepa | 61.0 | 55.0 | - |'
    # no validation part: the last epoch, marked
    assert table[3] == '| mamp | 52.0 ± 2.8 † | - | 40.0 † |'
    assert merge_tables([a, b], ['knn']).splitlines()[3] == '| mamp | - |'


def test_a_distillation_shows_its_teacher(tmp_path):
    runs = [dict(seed=0, last=60., teacher_test=70.),
            dict(seed=1, last=62., teacher_test=72.)]
    result = dict(name='d', protocols={'distill': dict(
        summary=summarize_runs(runs), runs=runs, config='distill_x.py',
        teacher_config='finetune_x.py')})
    assert result['protocols']['distill']['summary']['teacher_test'] == \
        dict(mean=71., std=pytest.approx(2 ** 0.5), n=2)
    md = open(write_results(result, str(tmp_path))['md']).read()
    assert '| distill | last epoch | 61.0 ± 1.4 | 2 | `distill_x.py` |' in md
    assert '| distill | (teacher) | 71.0 ± 1.4 | 2 | `finetune_x.py` |' in md
    # the comparison table shows the student
    assert merge_tables([result]).splitlines()[2] == '| d | 61.0 ± 1.4 † |'


def test_results_of_one_name_join_into_one_row():
    a = _result('mamp', linear=[dict(last=60.)])
    b = _result('mamp', scratch=[dict(last=70.)])
    a['checkpoint'] = b['checkpoint'] = 'epoch_150.pth'
    table = merge_tables([a, _result('x', linear=[dict(last=1.)]), b])
    assert table.splitlines()[:4] == [
        '| method | linear | scratch |', '| --- | --- | --- |',
        '| mamp | 60.0 † | 70.0 † |', '| x | 1.0 † | - |']
    assert list(a['protocols']) == ['linear']   # inputs left unchanged
    with pytest.raises(ValueError, match="row 'mamp': protocol 'linear' is "
                                         'in two of its results'):
        merge_rows([a, a])
    c = dict(b, checkpoint='other.pth')
    with pytest.raises(ValueError, match="row 'mamp': results of "
                                         "checkpoints 'epoch_150.pth' and "
                                         "'other.pth'"):
        merge_rows([a, c])


def test_a_foreign_json_is_refused(tmp_path):
    (tmp_path / 'results.json').write_text('{"acc": 1}')
    with pytest.raises(ValueError, match='not a results.json'):
        load_results(str(tmp_path))
