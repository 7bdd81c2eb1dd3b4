"""Importers of CTR-GCN/MAMP npz, 2s-AGCN/ISC npy and pyskl pkl."""
import pickle

import numpy as np
import pytest

from skelbench.datasets import SkeletonDataset
from skelbench.datasets.sources.importers import (add_ntu_metadata,
                                                  import_npy, import_npz,
                                                  sgn_split_order)

NAMES = ['S001C001P001R001A001', 'S001C002P001R001A002',
         'S001C003P003R001A003', 'S001C001P002R001A004',
         'S002C002P003R002A005', 'S001C002P002R001A006']


def sample(rng, i, t):
    kp = np.zeros((2, 300, 25, 3), np.float32)
    kp[0, :t] = rng.normal(size=(t, 25, 3)) + i
    if i % 2:
        kp[1, :t] = rng.normal(size=(t, 25, 3))
    return kp


def write_npz(path, names_by_part, num_classes=60):
    rng = np.random.default_rng(0)
    arrays, truth = {}, {}
    for part, (xk, yk) in dict(train=('x_train', 'y_train'),
                               val=('x_test', 'y_test')).items():
        xs, ys = [], []
        for n in names_by_part[part]:
            i = NAMES.index(n)
            kp = sample(rng, i, 10 + i)
            truth[n] = kp[:, :10 + i]
            xs.append(kp.transpose(1, 0, 2, 3).reshape(300, 150))
            y = np.zeros(num_classes, np.float32)
            y[int(n[-3:]) - 1] = 1
            ys.append(y)
        arrays[xk], arrays[yk] = np.stack(xs), np.stack(ys)
    np.savez(path, **arrays)
    return truth


def test_sgn_order():
    order = sgn_split_order(NAMES, 'xview')
    assert order['train'] == ['S001C002P001R001A002', 'S001C002P002R001A006',
                              'S002C002P003R002A005', 'S001C003P003R001A003']
    assert order['val'] == ['S001C001P001R001A001', 'S001C001P002R001A004']
    order = sgn_split_order(NAMES, 'xsub')
    assert order['train'][:2] == ['S001C001P001R001A001',
                                  'S001C002P001R001A002']
    assert order['val'][0] == 'S001C003P003R001A003'


@pytest.mark.parametrize('compressed', [False, True])
def test_npz_round_trip(tmp_path, compressed):
    order = sgn_split_order(NAMES, 'xview')
    path = tmp_path / 'NTU60_XView.npz'
    truth = write_npz(path, order)
    if compressed:
        with np.load(path) as z:
            np.savez_compressed(path, **dict(z))
    data = import_npz(str(path), 'xview', available_names=NAMES[::-1])
    assert data['split']['xview_train'] == order['train']
    for a in data['annotations']:
        np.testing.assert_array_equal(a['keypoint'], truth[a['frame_dir']])
        assert a['total_frames'] == a['keypoint'].shape[1]
        assert a['label'] == int(a['frame_dir'][-3:]) - 1
        assert a['camera'] == int(a['frame_dir'][5:8])
    # a wrong order is detected through the labels
    with pytest.raises(ValueError, match='name order'):
        import_npz(str(path), 'xview', names=dict(
            train=order['train'][::-1], val=order['val']))
    with pytest.raises(ValueError, match='name'):
        import_npz(str(path), 'xsub', available_names=NAMES)
    anon = import_npz(str(path), 'xview')
    assert anon['split']['xview_val'] == ['xview_val_000000',
                                          'xview_val_000001']
    out = tmp_path / 'out.pkl'
    with open(out, 'wb') as f:
        pickle.dump(data, f)
    assert len(SkeletonDataset(str(out), split='xview_train')) == 4


def test_npy_round_trip(tmp_path):
    rng = np.random.default_rng(1)
    for part, names in (('train', NAMES[:4]), ('val', NAMES[4:])):
        kps = [sample(rng, i, 12) for i in range(len(names))]
        x = np.stack([k.transpose(3, 1, 2, 0) for k in kps])  # N C T V M
        np.save(tmp_path / f'{part}_data_joint.npy', x)
        np.save(tmp_path / f'{part}_num_frame.npy',
                np.full(len(names), 12))
        with open(tmp_path / f'{part}_label.pkl', 'wb') as f:
            pickle.dump(([n + '.skeleton' for n in names],
                         [int(n[-3:]) - 1 for n in names]), f)
    from ...conftest import load_tool
    out = tmp_path / 'agcn.pkl'
    assert load_tool('data/importers/from_npy.py').main(
        [str(tmp_path), '--benchmark', 'xsub', '--out', str(out)]) == 0
    with open(out, 'rb') as f:
        data = pickle.load(f)
    assert data['split']['xsub_train'] == NAMES[:4]
    a = data['annotations'][1]
    assert a['frame_dir'] == NAMES[1] and a['keypoint'].shape == (2, 12,
                                                                  25, 3)
    assert a['subject'] == 1 and a['performance'] == 'S001P001R001A002'
    # the npz CLI as well
    path = tmp_path / 'x.npz'
    write_npz(path, sgn_split_order(NAMES, 'xsub'))
    names_file = tmp_path / 'skes_available_name.txt'
    names_file.write_text('\n'.join(NAMES) + '\n')
    assert load_tool('data/importers/from_npz.py').main(
        [str(path), '--benchmark', 'xsub', '--available-names',
         str(names_file), '--out', str(tmp_path / 'npz.pkl')]) == 0
    with pytest.raises(ValueError, match='samples'):
        import_npy(dict(train=dict(
            data=str(tmp_path / 'train_data_joint.npy'),
            label=str(tmp_path / 'val_label.pkl'))), 'xsub')


def test_pyskl_metadata():
    annos = [dict(frame_dir='S003C002P010R001A012', label=11,
                  keypoint=np.zeros((1, 2, 25, 3), np.float32)),
             dict(frame_dir='other', label=0,
                  keypoint=np.zeros((1, 2, 25, 3), np.float32))]
    add_ntu_metadata(annos)
    assert annos[0]['camera'] == 2 and annos[0]['setup'] == 3
    assert 'camera' not in annos[1]


class WritesMarker:
    """Pickles as ``os.system('touch marker')``."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        import os
        return os.system, (f'touch {self.marker}', )


def test_label_pickle_payload_is_refused(tmp_path):
    from skelbench.datasets.annotation_io import UnsafePickleError
    x = np.zeros((2, 3, 4, 25, 2), np.float32)
    np.save(tmp_path / 'train_data_joint.npy', x)
    marker = tmp_path / 'marker'
    label = tmp_path / 'train_label.pkl'
    with open(label, 'wb') as f:
        pickle.dump((NAMES[:2], [0, WritesMarker(marker)]), f)
    with pytest.raises(UnsafePickleError) as e:
        import_npy(dict(train=dict(data=str(tmp_path / 'train_data_joint.npy'),
                                   label=str(label))), 'xsub')
    assert str(label) in str(e.value) and '.system' in str(e.value)
    assert not marker.exists()
    from ...conftest import load_tool
    rc = load_tool('data/importers/from_npy.py').main(
        [str(tmp_path), '--benchmark', 'xsub', '--out',
         str(tmp_path / 'out.pkl')])
    assert rc == 2 and not marker.exists()
    assert not (tmp_path / 'out.pkl').exists()


def test_python2_label_pickle(tmp_path):
    """A protocol-2 ``(names, labels)`` pair with numpy int labels, read
    with the Python 2 ``latin1`` encoding."""
    from skelbench.datasets.annotation_io import safe_pickle_load
    labels = np.array([3, 4], np.int64)
    data = pickle.dumps((['S001C001P001R001A004.skeleton'], list(labels)),
                        protocol=2)
    path = tmp_path / 'py2.pkl'
    path.write_bytes(data)
    names, got = safe_pickle_load(str(path), encoding='latin1')
    assert names == ['S001C001P001R001A004.skeleton'] and got == [3, 4]
