"""Annotation files: the restricted unpickler and atomic writing."""
import builtins
import io
import os
import os.path as osp
import pickle
import stat
import subprocess
import sys
import time
import types
import warnings
from collections import OrderedDict

import numpy as np
import pytest

from skelbench.datasets import SkeletonDataset
from skelbench.datasets.annotation_io import (UnsafePickleError,
                                              dump_annotation_file,
                                              empty_splits,
                                              load_annotation_file,
                                              remove_stale_partials,
                                              safe_pickle_load,
                                              safe_pickle_loads,
                                              write_problem_report)

from ..conftest import REPO_ROOT, load_tool, make_annotations


class Payload:
    """Pickles as a call of ``func(*args)``."""

    def __init__(self, func, *args):
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args


def payloads(marker):
    """Calls that would create ``marker`` if the pickle were executed."""
    return dict(
        system=Payload(os.system, f'touch {marker}'),
        open=Payload(builtins.open, str(marker), 'w'),
        exec=Payload(builtins.exec,
                     f'open({str(marker)!r}, "w").close()'),
        eval=Payload(builtins.eval,
                     f'open({str(marker)!r}, "w").close()'),
    )


PAYLOAD_GLOBALS = dict(system=os.system.__module__ + '.system',
                       open=builtins.open.__module__ + '.open',
                       exec='builtins.exec',
                       eval='builtins.eval')


@pytest.mark.parametrize('kind', sorted(PAYLOAD_GLOBALS))
@pytest.mark.parametrize('protocol', [0, 2, 4, 5])
def test_payload_in_annotation_file_is_refused(tmp_path, kind, protocol):
    marker = tmp_path / 'marker'
    data = make_annotations()
    data['annotations'][3]['subject'] = payloads(marker)[kind]
    path = tmp_path / 'evil.pkl'
    path.write_bytes(pickle.dumps(data, protocol=protocol))
    with pytest.raises(UnsafePickleError) as e:
        load_annotation_file(str(path))
    assert str(path) in str(e.value)
    assert repr(PAYLOAD_GLOBALS[kind]) in str(e.value)
    assert e.value.global_name == PAYLOAD_GLOBALS[kind]
    with pytest.raises(UnsafePickleError):
        SkeletonDataset(str(path))
    assert not marker.exists()


def test_payload_refused_by_check_dataset(tmp_path, capsys):
    marker = tmp_path / 'marker'
    path = tmp_path / 'evil.pkl'
    path.write_bytes(pickle.dumps(
        dict(annotations=[payloads(marker)['system']])))
    main = load_tool(osp.join('data', 'check_dataset.py')).main
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert 'Refusing to load' in out and str(path) in out
    assert not marker.exists()


def test_codecs_encode_only_latin1():
    # protocol 2 writes bytes as _codecs.encode(text, 'latin1')
    assert safe_pickle_loads(pickle.dumps(b'\x00\xff', protocol=2)) == \
        b'\x00\xff'
    crafted = (b'\x80\x02c_codecs\nencode\nq\x00X\x03\x00\x00\x00abcq\x01'
               b'X\x05\x00\x00\x00rot13q\x02\x86q\x03Rq\x04.')
    with pytest.raises(pickle.UnpicklingError, match='latin1'):
        safe_pickle_loads(crafted)


class Numpy1Pickler(pickle._Pickler):
    """Pickles numpy objects as numpy 1.x does (``numpy.core.*`` module
    paths instead of numpy 2's ``numpy._core.*``)."""

    def save_global(self, obj, name=None):
        module = getattr(obj, '__module__', None) or ''
        if module.startswith('numpy._core.'):
            module = 'numpy.core.' + module[len('numpy._core.'):]
            name = name or obj.__qualname__
            if self.proto >= 4:
                self.save(module)
                self.save(name)
                self.write(pickle.STACK_GLOBAL)
            else:
                self.write(pickle.GLOBAL + module.encode() + b'\n'
                           + name.encode() + b'\n')
            self.memoize(obj)
            return
        super().save_global(obj, name)

    dispatch = dict(pickle._Pickler.dispatch)
    dispatch[types.FunctionType] = save_global


def globals_of(data: bytes):
    """``module.name`` of every global a pickle references, as written."""
    seen = set()

    class Recorder(pickle.Unpickler):

        def find_class(self, module, name):
            seen.add(f'{module}.{name}')
            return super().find_class(module, name)

    with warnings.catch_warnings():  # numpy 2 warns on numpy.core paths
        warnings.simplefilter('ignore', DeprecationWarning)
        Recorder(io.BytesIO(data)).load()
    return seen


def pyskl_style_annotations():
    """Annotations as mmaction2 / pyskl write them, plus every dtype and
    builtin a skeleton pickle may hold."""
    rng = np.random.default_rng(0)
    annos = []
    for i, dtype in enumerate([np.float16, np.float32, np.float64]):
        annos.append(dict(
            frame_dir=f'S001C001P001R001A00{i + 1}', label=i,
            keypoint=rng.normal(size=(2, 5, 25, 3)).astype(dtype),
            keypoint_score=rng.random((2, 5, 25)).astype(np.float16),
            total_frames=5, img_shape=(1080, 1920),
            original_shape=(1080, 1920), score=np.float32(0.75)))
    annos[0].update(
        ints=[np.arange(3, dtype=d) for d in
              (np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16)],
        mask=np.array([True, False]), flag=np.bool_(True),
        count=np.int64(7), strided=np.arange(12.).reshape(3, 4)[:, ::2],
        fortran=np.asfortranarray(np.arange(6.).reshape(2, 3)),
        names=np.array(['a', 'bc']), objects=np.array(['x', 1], object),
        empty=np.zeros((0, 25, 3), np.float32), view_set={1, 2},
        frozen=frozenset({3}), raw=b'\x00\xff', buf=bytearray(b'ab'),
        z=1 + 2j, ordered=OrderedDict(a=1), nested=dict(t=(1, [2.5, None])))
    return dict(split=dict(xsub_train=[a['frame_dir'] for a in annos]),
                annotations=annos)


def assert_same(a, b):
    assert type(a) is type(b), (type(a), type(b))
    if isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_array_equal(a, b)
    elif isinstance(a, dict):
        assert list(a) == list(b)
        for k in a:
            assert_same(a[k], b[k])
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            assert_same(x, y)
    else:
        assert a == b


@pytest.mark.parametrize('numpy1', [False, True])
@pytest.mark.parametrize('protocol', [0, 1, 2, 3, 4, 5])
def test_numpy_pickles_of_both_numpy_versions_load(tmp_path, protocol,
                                                   numpy1):
    data = pyskl_style_annotations()
    path = tmp_path / 'pyskl.pkl'
    with open(path, 'wb') as f:
        if numpy1:
            Numpy1Pickler(f, protocol=protocol).dump(data)
        else:
            pickle.dump(data, f, protocol=protocol)
    names = globals_of(path.read_bytes())
    core = 'numpy.core.' if numpy1 else 'numpy._core.'
    assert core + 'multiarray._reconstruct' in names or \
        core + 'numeric._frombuffer' in names
    assert core + 'multiarray.scalar' in names
    assert not any(n.startswith('numpy._core' if numpy1 else 'numpy.core.')
                   for n in names)
    with warnings.catch_warnings():
        warnings.simplefilter('error')  # no numpy deprecation either
        assert_same(load_annotation_file(str(path)), data)
    ds = SkeletonDataset(str(path), split='xsub_train')
    assert len(ds) == 3 and ds.get_data_info(1)['img_shape'] == (1080, 1920)


def test_external_label_pickle_loads(nw_ucla_root):
    """CTR-GCN's NW-UCLA ``val_label.pkl`` (list of dicts)."""
    labels = safe_pickle_load(osp.join(nw_ucla_root, 'val_label.pkl'))
    assert len(labels) == 464
    assert set(labels[0]) == {'file_name', 'length', 'label'}


@pytest.mark.parametrize('umask', [0o022, 0o007])
def test_written_files_get_the_normal_mode(tmp_path, umask):
    old = os.umask(umask)
    try:
        out = tmp_path / 'sub' / 'a.pkl'
        dump_annotation_file(make_annotations(), str(out))
        report = tmp_path / 'a.errors.txt'
        write_problem_report([('x', 'bad')], str(report))
    finally:
        os.umask(old)
    for p in (out, report):
        assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~umask
    assert report.read_text() == 'x\tbad\n'
    write_problem_report([], str(report))
    assert not report.exists()


class Explodes:

    def __reduce__(self):
        raise RuntimeError('boom while pickling')


def test_failed_write_keeps_the_old_file(tmp_path):
    out = tmp_path / 'a.pkl'
    dump_annotation_file(make_annotations(num=3), str(out))
    before = out.read_bytes()
    with pytest.raises(RuntimeError, match='boom'):
        dump_annotation_file(dict(annotations=[Explodes()]), str(out))
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ['a.pkl']


STALL_WRITER = '''
import sys, time
from skelbench.datasets.annotation_io import dump_annotation_file
flag, out = sys.argv[1:3]

class Stall:
    def __reduce__(self):
        open(flag, 'w').close()
        time.sleep(120)
        return (int, ())

dump_annotation_file(dict(annotations=[Stall()]), out)
'''


def kill_while_writing(tmp_path, out):
    """Start a writer of ``out``, SIGKILL it in the middle of the write."""
    flag = tmp_path / 'writing.flag'
    proc = subprocess.Popen([sys.executable, '-c', STALL_WRITER, str(flag),
                             str(out)], cwd=REPO_ROOT)
    try:
        deadline = time.time() + 120
        while not flag.exists():
            assert proc.poll() is None, 'writer exited early'
            assert time.time() < deadline, 'writer never started writing'
            time.sleep(0.05)
    finally:
        proc.kill()
        proc.wait()
    flag.unlink()


def test_killed_writer_leaves_only_a_partial_that_is_cleaned(tmp_path):
    out = tmp_path / 'out' / 'a.pkl'
    kill_while_writing(tmp_path, out)
    left = sorted(p.name for p in out.parent.iterdir())
    assert left == ['.a.pkl.partial']  # never a truncated a.pkl
    assert remove_stale_partials(str(out)) == [
        str(out.parent / '.a.pkl.partial')]
    kill_while_writing(tmp_path, out)
    dump_annotation_file(make_annotations(), str(out))  # a rerun
    assert sorted(p.name for p in out.parent.iterdir()) == ['a.pkl']
    assert len(load_annotation_file(str(out))['annotations']) == 12


def test_empty_splits():
    assert empty_splits(dict(split=dict(a=['x'], b=[]))) == ['b']
    assert empty_splits(dict(annotations=[])) == []
