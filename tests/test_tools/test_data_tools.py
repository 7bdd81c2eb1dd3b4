"""tools/data: check_dataset, the NW-UCLA converter, synthetic NTU speed."""
import json
import os
import os.path as osp
import pickle
import stat

import numpy as np

from skelbench.datasets.annotation_io import load_annotation_file

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
    out = tmp_path / 'ucla.pkl'
    assert load_data_tool('nw_ucla/convert.py').main(
        [nw_ucla_root, str(out)]) == 0
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


def write_nw_ucla(root, views=(1, 2, 3), frames=6):
    """Small NW-UCLA ``all_sqe`` files in the release format."""
    rng = np.random.default_rng(0)
    root.mkdir(parents=True, exist_ok=True)
    names = []
    for a, label in ((1, 1), (2, 2)):
        for v in views:
            name = f'a{a:02d}_s01_e00_v{v:02d}'
            (root / f'{name}.json').write_text(json.dumps(dict(
                file_name=name, label=label,
                skeletons=rng.normal(size=(frames, 20, 3)).tolist())))
            names.append(name)
    return names


def run_nw_ucla(argv):
    return load_data_tool('nw_ucla/convert.py').main(argv)


def test_nw_ucla_skips_and_reports_or_fails_with_strict(tmp_path, capsys):
    root = tmp_path / 'all_sqe'
    write_nw_ucla(root)
    (root / 'a03_s01_e00_v01.json').write_text('{"skeletons": [[[0, 0')
    (root / 'a04_s01_e00_v02.json').write_text(json.dumps(dict(
        label=1, skeletons=[[[0.0, 0.0]] * 20])))
    out = tmp_path / 'out' / 'ucla.pkl'
    assert run_nw_ucla([str(tmp_path), str(out), '--strict']) == 2
    err = capsys.readouterr().err
    assert 'a03_s01_e00_v01.json: not valid JSON' in err
    assert 'line 1 column' in err and '--strict: nothing written' in err
    assert not out.parent.exists() or not list(out.parent.iterdir())
    assert run_nw_ucla([str(tmp_path), str(out)]) == 0
    assert '6 samples from 8 files (2 bad files skipped' in \
        capsys.readouterr().out
    report = (tmp_path / 'out' / 'ucla.pkl.errors.txt').read_text()
    lines = report.splitlines()
    assert [ln.split('\t')[0] for ln in lines] == [
        'a03_s01_e00_v01.json', 'a04_s01_e00_v02.json']
    assert 'shape (T, 20, 3), got (1, 20, 2)' in lines[1]
    data = load_annotation_file(str(out))
    assert len(data['split']['xview_train']) == 4
    assert len(data['split']['xview_val']) == 2
    # a clean rerun removes the report of the earlier run
    (root / 'a03_s01_e00_v01.json').unlink()
    (root / 'a04_s01_e00_v02.json').unlink()
    assert run_nw_ucla([str(tmp_path), str(out)]) == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ['ucla.pkl']


def test_nw_ucla_empty_split(tmp_path, capsys):
    write_nw_ucla(tmp_path / 'all_sqe', views=(1, 2))
    out = tmp_path / 'ucla.pkl'
    assert run_nw_ucla([str(tmp_path), str(out), '--strict']) == 2
    assert 'split(s) xview_val came out empty' in capsys.readouterr().err
    assert not out.exists()
    assert run_nw_ucla([str(tmp_path), str(out)]) == 0
    assert 'warning: split(s) xview_val came out empty' in \
        capsys.readouterr().err
    assert load_annotation_file(str(out))['split']['xview_val'] == []


def test_nw_ucla_killed_while_writing_then_rerun(tmp_path):
    from tests.test_datasets.test_sources.test_ntu_rgbd import \
        run_killed_converter
    write_nw_ucla(tmp_path / 'all_sqe')
    out = tmp_path / 'out' / 'ucla.pkl'
    run_killed_converter(tmp_path, 'nw_ucla/convert.py',
                         [str(tmp_path), str(out)])
    assert [p.name for p in out.parent.iterdir()] == ['.ucla.pkl.partial']
    old = os.umask(0o027)
    try:
        assert run_nw_ucla([str(tmp_path), str(out)]) == 0
    finally:
        os.umask(old)
    assert [p.name for p in out.parent.iterdir()] == ['ucla.pkl']
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert len(load_annotation_file(str(out))['annotations']) == 6


def test_check_dataset_reports_empty_split(tmp_path, capsys):
    data = make_annotations()
    data['split']['test'] = []
    path = tmp_path / 'a.pkl'
    with open(path, 'wb') as f:
        pickle.dump(data, f)
    assert load_data_tool('check_dataset.py').main([str(path)]) == 1
    assert "split 'test' is empty" in capsys.readouterr().out
