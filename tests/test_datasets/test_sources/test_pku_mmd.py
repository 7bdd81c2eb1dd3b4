"""Round trip of PKU-MMD skeleton / label / split files."""
import pickle

import numpy as np
import pytest

from skelbench.datasets import SkeletonDataset
from skelbench.datasets.sources.pku_mmd import (PKUFileError,
                                                convert_pku_mmd,
                                                read_pku_skeleton,
                                                read_pku_split)
from ...conftest import load_tool


def write_video(root, video, T, rng, two=False, zero_from=None):
    kp = rng.normal(size=(2, T, 25, 3)).astype(np.float32)
    if not two:
        kp[1] = 0
    if zero_from is not None:
        kp[:, zero_from:] = 0
    rows = kp.transpose(1, 0, 2, 3).reshape(T, 150)
    (root / 'skeleton').mkdir(exist_ok=True)
    with open(root / 'skeleton' / f'{video}.txt', 'w', newline='') as f:
        f.write(''.join(' '.join(f'{v:.6f}' for v in r) + '\r\n'
                        for r in rows))
    return kp


def make_release(root):
    rng = np.random.default_rng(0)
    truth = {}
    labels = {'0002': '3,0,10,1\n51,10,30,2\n3,35,50,1\n',
              '0003': '7,5,25,1\n'}
    for perf in ('0002', '0003'):
        for view in 'LMR':
            v = f'{perf}-{view}'
            truth[v] = write_video(root, v, 60, rng, two=perf == '0002',
                                   zero_from=40 if perf == '0003' else None)
            (root / 'label').mkdir(exist_ok=True)
            lab = labels[perf]
            if v == '0003-R':
                lab += '7,45,58,1\n'  # all-zero skeletons: skipped
            (root / 'label' / f'{v}.txt').write_text(lab)
    (root / 'cross-subject.txt').write_text(
        'Training videos: \n0002-L, 0002-M, 0002-R\n'
        'Validataion videos: \n0003-L, 0003-M, 0003-R\n')
    (root / 'cross-view.txt').write_text(
        'Training videos: \n0002-M, 0002-R, 0003-M, 0003-R\n'
        'Validataion videos: \n0002-L, 0003-L\n')
    return truth


def test_pku_round_trip(tmp_path):
    truth = make_release(tmp_path)
    data, problems, stats = convert_pku_mmd(
        str(tmp_path / 'skeleton'), str(tmp_path / 'label'),
        dict(xsub=str(tmp_path / 'cross-subject.txt'),
             xview=str(tmp_path / 'cross-view.txt')), progress=False)
    assert stats == dict(videos=6, instances=12, problems=1)
    assert problems[0][0] == '0003-R_002' and 'all-zero' in problems[0][1]
    annos = {a['frame_dir']: a for a in data['annotations']}
    a = annos['0002-M_002']
    assert a['label'] == 50 and a['total_frames'] == 20
    assert a['view'] == 2 and a['view_name'] == 'M'
    assert a['performance'] == '0002_A51_1'
    np.testing.assert_allclose(a['keypoint'], truth['0002-M'][:, 10:30],
                               atol=1e-5)
    assert annos['0002-L_003']['performance'] == '0002_A03_2'
    assert len(data['split']['xsub_train']) == 9
    assert len(data['split']['xsub_val']) == 3
    assert len(data['split']['xview_val']) == 4
    # the three views of one instance share the performance id
    perf = [x['frame_dir'] for x in annos.values()
            if x['performance'] == '0002_A03_1']
    assert sorted(perf) == ['0002-L_001', '0002-M_001', '0002-R_001']


def test_pku_errors_and_cli(tmp_path):
    make_release(tmp_path)
    (tmp_path / 'skeleton' / '0003-L.txt').write_text('1 2 3\n')
    with pytest.raises(PKUFileError, match=r'0003-L.txt:1: 3 values'):
        read_pku_skeleton(str(tmp_path / 'skeleton' / '0003-L.txt'))
    main = load_tool('data/pku_mmd/convert.py').main
    out = tmp_path / 'pku.pkl'
    assert main([str(tmp_path), '--out', str(out), '--num-workers', '2',
                 '--no-progress']) == 0
    report = (tmp_path / 'pku.pkl.errors.txt').read_text()
    assert '0003-L.txt:1: 3 values' in report
    with open(out, 'rb') as f:
        data = pickle.load(f)
    assert len(data['annotations']) == 11
    ds = SkeletonDataset(str(out), split='xsub_train', num_classes=51)
    assert len(ds) == 9
    assert main([str(tmp_path), '--out', str(tmp_path / 's.pkl'),
                 '--strict', '--no-progress']) == 2
    assert not (tmp_path / 's.pkl').exists()
    assert read_pku_split(str(tmp_path / 'cross-view.txt'))['val'] == [
        '0002-L', '0003-L']
