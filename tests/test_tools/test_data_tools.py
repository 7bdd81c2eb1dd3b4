"""tools/data: check_dataset, the NW-UCLA converter, synthetic NTU speed."""
import json
import os.path as osp
import pickle

import numpy as np

from ..conftest import load_tool, make_annotations


def load_data_tool(rel):
    return load_tool(osp.join('data', rel))


def test_check_dataset_clean(tmp_path, capsys):
    path = tmp_path / 'ok.pkl'
    with open(path, 'wb') as f:
        pickle.dump(make_annotations(), f)
    main = load_data_tool('check_dataset.py').main
    assert main([str(path), '--layout', 'nturgb+d', '--json',
                 str(tmp_path / 's.json')]) == 0
    out = capsys.readouterr().out
    assert '12 samples, 3 classes' in out and '0 problem(s)' in out
    summary = json.loads((tmp_path / 's.json').read_text())
    assert summary['splits'] == {'train': 6, 'val': 6}
    assert summary['per_class'] == {'0': 4, '1': 4, '2': 4}
    assert summary['frames']['max'] == 20 and summary['actors'] == {'2': 12}


def test_check_dataset_reports_every_problem(tmp_path, capsys):
    data = make_annotations()
    annos = data['annotations']
    annos[1]['keypoint'][0, 3, 2, 1] = np.nan
    annos[2]['keypoint'][:] = 0
    annos[3]['label'] = 7
    annos[4]['frame_dir'] = annos[5]['frame_dir']
    annos[6]['keypoint'] = annos[6]['keypoint'][:, :, :10]
    data['split']['val'].append('ghost')
    path = tmp_path / 'bad.pkl'
    with open(path, 'wb') as f:
        pickle.dump(data, f)
    main = load_data_tool('check_dataset.py').main
    assert main([str(path), '--layout', 'nturgb+d', '--num-classes',
                 '3']) == 1
    out = capsys.readouterr().out
    assert 'non-finite' in out and '(m, t, v, c)=(0, 3, 2, 1)' in out
    assert 'empty sequence' in out
    assert "'label' 7 is out of range" in out
    assert 'duplicated frame_dir' in out
    assert '10 joints' in out
    assert "ids without annotation, e.g. ['ghost']" in out
    assert '7 problem(s) found' in out  # + annos[4]'s old id
    (tmp_path / 'trunc.pkl').write_bytes(path.read_bytes()[:100])
    assert main([str(tmp_path / 'trunc.pkl')]) == 1
    assert 'truncated' in capsys.readouterr().out


def test_nw_ucla_real_counts(nw_ucla_root, tmp_path):
    main_mod = load_data_tool('nw_ucla/convert.py')
    import sys
    out = tmp_path / 'ucla.pkl'
    argv, sys.argv = sys.argv, ['convert.py', nw_ucla_root, str(out)]
    try:
        main_mod.main()
    finally:
        sys.argv = argv
    with open(out, 'rb') as f:
        data = pickle.load(f)
    assert len(data['annotations']) == 1484
    assert len(data['split']['xview_train']) == 1020
    assert len(data['split']['xview_val']) == 464
    assert len({a['label'] for a in data['annotations']}) == 10
    summary, problems = load_data_tool('check_dataset.py').check_annotations(
        data, num_joints=20)
    assert problems == [] and summary['num_classes'] == 10


def test_synthetic_ntu_speed_smoke(tmp_path):
    """The helper used for the documented speed measurement works."""
    from tests.test_datasets.test_sources.raw_writers import \
        write_synthetic_ntu
    names = write_synthetic_ntu(str(tmp_path / 'raw'), 12)
    main = load_data_tool('ntu/gen_ntu_raw.py').main
    out = tmp_path / 'ntu.pkl'
    assert main([str(tmp_path / 'raw'), '--task', 'ntu120', '--out',
                 str(out), '--num-workers', '2', '--actor-rule', 'energy',
                 '--dtype', 'float16', '--no-progress']) == 0
    with open(out, 'rb') as f:
        data = pickle.load(f)
    assert [a['frame_dir'] for a in data['annotations']] == sorted(names)
    assert data['annotations'][0]['keypoint'].dtype == np.float16
