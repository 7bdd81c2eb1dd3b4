"""Round trip of raw NTU RGB+D ``.skeleton`` files."""
import os.path as osp
import pickle
import zipfile

import numpy as np
import pytest

from skelbench.datasets import SkeletonDataset
from skelbench.datasets.sources.ntu_rgbd import (
    NTU60_XSUB_TRAIN, NTU120_XSUB_TRAIN, SkeletonFileError, convert_ntu_raw,
    list_skeleton_files, load_ntu_sample, ntu_split_of, parse_ntu_name,
    parse_skeleton_text, read_name_list)
from ...conftest import REPO_ROOT, load_tool
from .raw_writers import (make_body, skeleton_text, tracks_to_frames,
                          write_skeleton)


def two_body_tracks(rng, t=40):
    """Actor A moves a lot, actor B a little, plus a short noise body."""
    a = make_body(rng, t)
    a += np.linspace(0, 1.0, t)[:, None, None] * np.array([1, 0, 0])
    b = make_body(rng, t, center=(1.0, 0, 3))
    noise = make_body(rng, 5, center=(-1, 0, 3))
    return {'111': (0, b), '222': (0, a), '333': (10, noise)}, a, b


def test_parse_crlf_and_values(tmp_path):
    rng = np.random.default_rng(0)
    tracks, a, b = two_body_tracks(rng)
    path = tmp_path / 'S001C002P003R001A055.skeleton'
    write_skeleton(path, tracks_to_frames(tracks, 40))
    assert b'\r\n' in path.read_bytes()
    raw = parse_skeleton_text(path.read_bytes().decode(), str(path))
    assert raw['num_frames'] == 40
    assert raw['xyz'].shape == (85, 25, 3)
    anno = load_ntu_sample(str(path))
    assert anno['frame_dir'] == 'S001C002P003R001A055'
    assert anno['label'] == 54 and anno['setup'] == 1
    assert anno['camera'] == 2 and anno['subject'] == 3
    assert anno['replication'] == 1
    assert anno['performance'] == 'S001P003R001A055'
    kp = anno['keypoint']
    assert kp.dtype == np.float32 and kp.shape == (2, 40, 25, 3)
    assert anno['total_frames'] == 40
    # actor 1 = the body with the larger motion; the noise body is dropped
    np.testing.assert_allclose(kp[0], a, atol=1e-6)
    np.testing.assert_allclose(kp[1], b, atol=1e-6)


def test_denoise_spread_and_merge(tmp_path):
    rng = np.random.default_rng(1)
    t = 30
    a = make_body(rng, t)
    # wide and flat: x-spread > 0.8 * y-spread in every frame
    flat = make_body(rng, t, center=(1, 0, 3), spread=(3.0, 0.2, 0.2))
    flat += np.linspace(0, 3, t)[:, None, None]  # large motion
    # a second body that follows A after it left: merged into slot 1
    a1, a2 = a[:15], make_body(rng, 15, center=(0.1, 0, 3))
    tracks = {'1': (0, a1), '2': (15, a2), '3': (0, flat)}
    path = tmp_path / 'S001C001P001R001A001.skeleton'
    write_skeleton(path, tracks_to_frames(tracks, t))
    kp = load_ntu_sample(str(path))['keypoint']
    np.testing.assert_allclose(kp[0, :15], a1, atol=1e-6)
    np.testing.assert_allclose(kp[0, 15:], a2, atol=1e-6)
    assert not kp[1].any()  # the flat noise body is gone


def test_energy_rule(tmp_path):
    rng = np.random.default_rng(2)
    t = 20
    still = make_body(rng, t, spread=(0.01, 0.01, 0.01))
    mid = make_body(rng, t) + np.linspace(0, 0.5, t)[:, None, None]
    big = make_body(rng, t) + np.linspace(0, 2.0, t)[:, None, None]
    tracks = {'1': (0, still), '2': (0, mid), '3': (0, big)}
    path = tmp_path / 'S001C001P001R001A050.skeleton'
    frames = tracks_to_frames(tracks, t) + [[]]  # + one empty frame
    write_skeleton(path, frames)
    anno = load_ntu_sample(str(path), actor_rule='energy', dtype='float16')
    kp = anno['keypoint']
    assert kp.dtype == np.float16 and kp.shape == (2, t + 1, 25, 3)
    np.testing.assert_allclose(kp[0, :t], big, atol=1e-2)
    np.testing.assert_allclose(kp[1, :t], mid, atol=1e-2)
    assert not kp[:, t].any()


@pytest.mark.parametrize('cut,line', [(3, None), (-40, None)])
def test_truncated_and_malformed(tmp_path, cut, line):
    rng = np.random.default_rng(3)
    text = skeleton_text(tracks_to_frames({'1': (0, make_body(rng, 4))}, 4))
    lines = text.split('\r\n')
    bad = '\r\n'.join(lines[:cut])
    with pytest.raises(SkeletonFileError) as e:
        parse_skeleton_text(bad, 'x.skeleton')
    assert 'truncated' in str(e.value)
    assert e.value.line is not None and str(e.value.line) in str(e.value)
    lines[5] = '0.1 0.2 abc 1 2 3 4 5 6 7 8 9'
    with pytest.raises(SkeletonFileError, match=r'x.skeleton:6: .*non-num'):
        parse_skeleton_text('\r\n'.join(lines), 'x.skeleton')
    lines[5] = '0.1 0.2'
    with pytest.raises(SkeletonFileError, match=r':6: joint line has 2 '):
        parse_skeleton_text('\r\n'.join(lines), 'x.skeleton')
    lines[2] = '1 2 3'
    with pytest.raises(SkeletonFileError, match=r':3: body-info line has 3'):
        parse_skeleton_text('\r\n'.join(lines), 'x.skeleton')


def test_names_and_splits():
    meta = parse_ntu_name('S018C003P045R002A120.skeleton')
    assert meta['setup'] == 18 and meta['action'] == 120
    assert set(NTU60_XSUB_TRAIN) < set(NTU120_XSUB_TRAIN)
    assert len(NTU60_XSUB_TRAIN) == 20 and len(NTU120_XSUB_TRAIN) == 53
    assert ntu_split_of('S001C001P001R001A001', 'xsub') == 'train'
    assert ntu_split_of('S001C001P003R001A001', 'xsub') == 'val'
    assert ntu_split_of('S001C001P045R001A001', 'xsub') == 'train'
    assert ntu_split_of('S001C001P001R001A001', 'xview') == 'val'
    assert ntu_split_of('S001C002P001R001A001', 'xview') == 'train'
    assert ntu_split_of('S002C001P001R001A001', 'xset') == 'train'
    assert ntu_split_of('S003C001P001R001A001', 'xset') == 'val'
    with pytest.raises(ValueError):
        parse_ntu_name('foo.skeleton')


def test_shipped_missing_lists():
    root = osp.join(REPO_ROOT, 'tools', 'data', 'ntu')
    n60 = read_name_list(osp.join(root, 'missing_skeletons_ntu60.txt'))
    n120 = read_name_list(osp.join(root, 'missing_skeletons_ntu120.txt'))
    assert len(n60) == len(set(n60)) == 302
    assert len(n120) == len(set(n120)) == 535
    assert set(n60) < set(n120)
    assert all(parse_ntu_name(n)['setup'] <= 17 for n in n60)


def make_raw_set(root):
    """6 files: 2 valid one-actor, 1 two-actor, 1 empty (missing
    skeleton), 1 truncated, 1 NTU120-only."""
    rng = np.random.default_rng(4)
    root.mkdir(exist_ok=True)
    good = ['S001C001P001R001A001', 'S001C002P003R001A002',
            'S002C003P002R002A003']
    for n in good[:2]:
        write_skeleton(root / f'{n}.skeleton',
                       tracks_to_frames({'1': (0, make_body(rng, 15))}, 15))
    tracks, _, _ = two_body_tracks(rng, 20)
    write_skeleton(root / f'{good[2]}.skeleton', tracks_to_frames(tracks, 20))
    write_skeleton(root / 'S001C001P001R001A010.skeleton', [[], [], []])
    text = skeleton_text(tracks_to_frames({'1': (0, make_body(rng, 5))}, 5))
    (root / 'S001C001P002R001A004.skeleton').write_bytes(
        text[:len(text) // 2].encode())
    write_skeleton(root / 'S018C001P050R001A100.skeleton',
                   tracks_to_frames({'1': (0, make_body(rng, 15))}, 15))
    return good


def test_convert_folder_zip_workers(tmp_path):
    good = make_raw_set(tmp_path / 'raw')
    data, errors, stats = convert_ntu_raw(
        str(tmp_path / 'raw'), 'ntu60', missing=['S001C001P001R001A010'],
        progress=False)
    assert [a['frame_dir'] for a in data['annotations']] == sorted(good)
    assert stats == dict(found=5, missing_skipped=1, converted=3, errors=1)
    assert errors[0][0] == 'S001C001P002R001A004'
    assert 'S001C001P002R001A004.skeleton:' in errors[0][1]
    assert 'truncated' in errors[0][1]
    assert data['split']['xsub_train'] == ['S001C001P001R001A001',
                                           'S002C003P002R002A003']
    assert data['split']['xsub_val'] == ['S001C002P003R001A002']
    assert data['split']['xview_val'] == ['S001C001P001R001A001']
    # without the missing list the empty sample is an error, not data
    _, errors2, _ = convert_ntu_raw(str(tmp_path / 'raw'), 'ntu60',
                                    progress=False)
    assert {e[0] for e in errors2} == {'S001C001P002R001A004',
                                       'S001C001P001R001A010'}
    with pytest.raises(SkeletonFileError, match='truncated'):
        convert_ntu_raw(str(tmp_path / 'raw'), 'ntu60',
                        missing=['S001C001P001R001A010'], strict=True,
                        progress=False)
    # zipped, 2 workers, NTU120: same arrays
    zpath = tmp_path / 'nturgbd_skeletons_s001_to_s017.zip'
    with zipfile.ZipFile(zpath, 'w') as zf:
        for p in sorted((tmp_path / 'raw').iterdir()):
            zf.write(p, f'nturgb+d_skeletons/{p.name}')
    assert len(list_skeleton_files([str(zpath)])) == 6
    data120, errors, stats = convert_ntu_raw(
        [str(zpath)], 'ntu120', missing=['S001C001P001R001A010'],
        num_workers=2, progress=False)
    assert stats['converted'] == 4 and len(errors) == 1
    assert set(data120['split']) == {'xsub_train', 'xsub_val', 'xset_train',
                                     'xset_val'}
    assert data120['split']['xset_train'] == ['S002C003P002R002A003',
                                              'S018C001P050R001A100']
    for a, b in zip(data['annotations'], data120['annotations']):
        np.testing.assert_array_equal(a['keypoint'], b['keypoint'])
    with pytest.raises(ValueError, match='found twice'):
        list_skeleton_files([str(zpath), str(tmp_path / 'raw')])


def load_data_tool(rel):
    """Import a script of ``tools/data/`` by path."""
    return load_tool(osp.join('data', rel))


def test_cli_report_strict_atomic(tmp_path):
    main = load_data_tool('ntu/gen_ntu_raw.py').main
    make_raw_set(tmp_path / 'raw')
    missing = tmp_path / 'missing.txt'
    missing.write_text('# official list\nS001C001P001R001A010\n')
    out = tmp_path / 'out' / 'ntu60.pkl'
    rc = main([str(tmp_path / 'raw'), '--out', str(out), '--missing',
               str(missing), '--num-workers', '1', '--no-progress'])
    assert rc == 0
    report = (tmp_path / 'out' / 'ntu60.pkl.errors.txt').read_text()
    assert report.startswith('S001C001P002R001A004\t')
    assert sorted(p.name for p in (tmp_path / 'out').iterdir()) == [
        'ntu60.pkl', 'ntu60.pkl.errors.txt']
    ds = SkeletonDataset(str(out), split='xsub_train', num_classes=60)
    assert len(ds) == 2
    item = ds[0]
    assert item['keypoint'].shape == (2, 15, 25, 3)
    with open(out, 'rb') as f:
        assert len(pickle.load(f)['annotations']) == 3
    out2 = tmp_path / 'strict.pkl'
    rc = main([str(tmp_path / 'raw'), '--out', str(out2), '--missing',
               str(missing), '--strict', '--num-workers', '2',
               '--no-progress'])
    assert rc == 2 and not out2.exists()
    assert not list(tmp_path.glob('*.tmp'))


@pytest.mark.parametrize('value', ['nan', 'inf', '-1e40'])
def test_non_finite_joint_names_its_exact_line(tmp_path, value):
    rng = np.random.default_rng(5)
    text = skeleton_text(tracks_to_frames({'1': (0, make_body(rng, 3))}, 3))
    lines = text.split('\r\n')
    # frame 2: line 30 = its body count, 31 body info, 32 joint count,
    # 33.. joints; joint 7 is line 39, its z column
    assert lines[29] == '1' and lines[31] == '25'
    vals = lines[38].split()
    vals[2] = value
    lines[38] = ' '.join(vals)
    with pytest.raises(SkeletonFileError) as e:
        parse_skeleton_text('\r\n'.join(lines), 'x.skeleton')
    assert e.value.line == 39
    assert str(e.value).startswith('x.skeleton:39: non-finite joint '
                                   'coordinate z of joint 7')
    # the same line through the converter, in strict mode and in the report
    raw = tmp_path / 'raw'
    raw.mkdir()
    (raw / 'S001C001P001R001A001.skeleton').write_bytes(
        '\r\n'.join(lines).encode())
    write_skeleton(raw / 'S001C002P001R001A001.skeleton',
                   tracks_to_frames({'1': (0, make_body(rng, 3))}, 3))
    _, errors, _ = convert_ntu_raw(str(raw), progress=False)
    assert errors[0][1].endswith(
        f'S001C001P001R001A001.skeleton:39: non-finite joint coordinate z '
        f'of joint 7: {lines[38][:60]!r}')
    with pytest.raises(SkeletonFileError) as e:
        convert_ntu_raw(str(raw), strict=True, progress=False)
    assert e.value.line == 39
    assert e.value.path.endswith('S001C001P001R001A001.skeleton')


def test_cli_empty_split_warns_or_fails_with_strict(tmp_path, capsys):
    main = load_data_tool('ntu/gen_ntu_raw.py').main
    raw = tmp_path / 'raw'
    raw.mkdir()
    rng = np.random.default_rng(6)
    for n in ('S001C002P001R001A001', 'S001C003P003R001A002'):
        write_skeleton(raw / f'{n}.skeleton',
                       tracks_to_frames({'1': (0, make_body(rng, 8))}, 8))
    out = tmp_path / 'ntu.pkl'
    args = [str(raw), '--out', str(out), '--missing', 'none',
            '--num-workers', '1', '--no-progress']
    assert main(args + ['--strict']) == 2
    err = capsys.readouterr().err
    assert 'split(s) xview_val came out empty' in err
    assert '--strict: nothing written' in err and not out.exists()
    assert main(args) == 0
    assert 'warning: split(s) xview_val came out empty' in \
        capsys.readouterr().err
    assert out.exists()


KILLED_CONVERTER = '''
import pickle, runpy, sys, time
flag, script, *argv = sys.argv[1:]

def stalled_dump(obj, f, protocol=None):
    f.write(b'half of a pickle')
    f.flush()
    open(flag, 'w').close()
    time.sleep(120)

pickle.dump = stalled_dump
sys.argv = [script] + argv
runpy.run_path(script, run_name='__main__')
'''


def run_killed_converter(tmp_path, script, argv):
    """Run a converter CLI in a subprocess and SIGKILL it while it writes
    its output."""
    import subprocess
    import sys
    import time
    flag = tmp_path / 'writing.flag'
    proc = subprocess.Popen(
        [sys.executable, '-c', KILLED_CONVERTER, str(flag),
         osp.join(REPO_ROOT, 'tools', 'data', script)] + argv,
        cwd=REPO_ROOT, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while not flag.exists():
            assert proc.poll() is None, 'converter exited early'
            assert time.time() < deadline, 'converter never wrote'
            time.sleep(0.05)
    finally:
        proc.kill()
        proc.wait()
    flag.unlink()


def test_cli_killed_while_writing_then_rerun(tmp_path):
    make_raw_set(tmp_path / 'raw')
    out_dir = tmp_path / 'out'
    argv = [str(tmp_path / 'raw'), '--out', str(out_dir / 'ntu60.pkl'),
            '--missing', 'none', '--num-workers', '1', '--no-progress']
    run_killed_converter(tmp_path, 'ntu/gen_ntu_raw.py', argv)
    assert sorted(p.name for p in out_dir.iterdir()) == [
        '.ntu60.pkl.partial']
    # a failing rerun (--strict) cleans the stale file as well
    main = load_data_tool('ntu/gen_ntu_raw.py').main
    assert main(argv + ['--strict']) == 2
    assert list(out_dir.iterdir()) == []
    run_killed_converter(tmp_path, 'ntu/gen_ntu_raw.py', argv)
    assert main(argv) == 0
    assert sorted(p.name for p in out_dir.iterdir()) == [
        'ntu60.pkl', 'ntu60.pkl.errors.txt']
