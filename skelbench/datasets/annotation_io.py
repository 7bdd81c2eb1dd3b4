"""Reading and writing skeleton annotation files.

An annotation file is a pickle compatible with mmaction2 / pyskl skeleton
pickles::

    {'split': {'xsub_train': ['S001C001P001R001A001', ...], ...},
     'annotations': [
        {'frame_dir': 'S001C001P001R001A001',  # unique sample id
         'label': 0,                           # int in [0, num_classes)
         'keypoint': np.ndarray,               # float (M, T, V, C)
         'total_frames': T,                    # valid frames (<= T)
         # optional metadata kept on the sample:
         'subject': 1, 'camera': 1, 'view': 1, 'setup': 1,
         'replication': 1, 'performance': 'S001P001R001A001'},
        ...]}

Reading: every pickle skelbench reads (annotation files, the label files
of the importers) goes through :class:`AnnotationUnpickler`, which
resolves only the globals such files contain (:data:`ALLOWED_GLOBALS`:
builtin containers and scalars, numpy arrays / dtypes / scalars as
written by numpy 1.x and 2.x, ``collections.OrderedDict``). Any other
global (a class, ``os.system``, ...) stops the load with
:class:`UnsafePickleError` before it is called, so no code of the file
runs.

Writing: :func:`dump_annotation_file` and :func:`write_text_atomic` write
to a hidden ``.<name>.partial`` file in the output folder and rename it
onto the output when complete (see
:func:`skelbench.checkpoint.atomic_target`): a writer killed at any point
leaves at most that partial file, never a truncated output, and the next
write of the same output (or :func:`remove_stale_partials`) removes it.
Outputs get the user's normal file mode (``0o666`` less the umask).
"""
import codecs
import io
import os
import os.path as osp
import pickle
from collections import OrderedDict
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

import numpy as np

from skelbench.checkpoint.atomic_save import atomic_target, partial_name

__all__ = [
    'ALLOWED_GLOBALS', 'AnnotationUnpickler', 'UnsafePickleError',
    'safe_pickle_load', 'safe_pickle_loads', 'load_annotation_file',
    'validate_annotation', 'dump_annotation_file', 'write_text_atomic',
    'remove_stale_partials', 'empty_splits', 'write_problem_report',
    'REQUIRED_KEYS', 'META_KEYS'
]

REQUIRED_KEYS = ('frame_dir', 'label', 'keypoint')
META_KEYS = ('subject', 'camera', 'view', 'setup', 'replication',
             'performance')


# ----------------------------------------------------------------------
# Restricted unpickling
# ----------------------------------------------------------------------
def _latin1_encode(text: str, encoding: str = 'utf-8') -> bytes:
    """``_codecs.encode`` as pickle protocols 0-2 use it for ``bytes``
    (``encode(text, 'latin1')``); other codecs are refused."""
    if not isinstance(text, str) or codecs.lookup(encoding).name != \
            'iso8859-1':
        raise pickle.UnpicklingError(
            f'_codecs.encode({type(text).__name__}, {encoding!r}): only the '
            "'latin1' encoding of a str (bytes in pickle protocols 0-2) is "
            'allowed')
    return text.encode('latin1')


def _numpy_helpers() -> Dict[str, Callable]:
    """The reconstruction functions of the running numpy, found through
    the objects themselves (their module is ``numpy.core`` in 1.x and
    ``numpy._core`` in 2.x)."""
    arr = np.zeros(1, np.float32)
    return dict(_reconstruct=arr.__reduce__()[0],
                scalar=np.float32(0).__reduce__()[0],
                _frombuffer=arr.__reduce_ex__(5)[0])


def _allowed_globals() -> Dict[Tuple[str, str], Any]:
    helpers = _numpy_helpers()
    allowed = {
        ('builtins', 'set'): set,
        ('builtins', 'frozenset'): frozenset,
        ('builtins', 'bytes'): bytes,
        ('builtins', 'bytearray'): bytearray,
        ('builtins', 'complex'): complex,
        ('_codecs', 'encode'): _latin1_encode,
        ('collections', 'OrderedDict'): OrderedDict,
        ('numpy', 'ndarray'): np.ndarray,
        ('numpy', 'dtype'): np.dtype,
    }
    for core in ('numpy.core', 'numpy._core'):
        allowed[(f'{core}.multiarray', '_reconstruct')] = \
            helpers['_reconstruct']
        allowed[(f'{core}.multiarray', 'scalar')] = helpers['scalar']
        allowed[(f'{core}.numeric', '_frombuffer')] = helpers['_frombuffer']
    return allowed


#: ``(module, name)`` -> object: every global an annotation pickle may
#: reference (Python 2 ``__builtin__`` is read as ``builtins``).
ALLOWED_GLOBALS: Dict[Tuple[str, str], Any] = _allowed_globals()


class UnsafePickleError(pickle.UnpicklingError, ValueError):
    """A pickle references a global outside :data:`ALLOWED_GLOBALS`.

    Attributes:
        source (str): The file.
        global_name (str): ``'module.name'`` of the refused global.
    """

    def __init__(self, source: str, global_name: str):
        self.source, self.global_name = source, global_name
        super().__init__(
            f'Refusing to load {source}: it references the global '
            f'{global_name!r}, which skeleton annotation files never '
            'contain (allowed: builtin containers and scalars, numpy '
            'arrays / dtypes / scalars, collections.OrderedDict). Nothing '
            'of the file was executed. If you trust the file, load it '
            'yourself and re-save only plain dicts, lists and numpy arrays.')


class AnnotationUnpickler(pickle.Unpickler):
    """``pickle.Unpickler`` that resolves only :data:`ALLOWED_GLOBALS`.

    Args:
        file: Binary file object.
        source (str): Name used in errors (the file's path).
        **kwargs: ``encoding`` / ``errors`` of :class:`pickle.Unpickler`
            (``encoding='latin1'`` for Python 2 pickles).
    """

    def __init__(self, file, source: str = '<pickle>', **kwargs):
        super().__init__(file, **kwargs)
        self.source = source

    def find_class(self, module: str, name: str):
        key = ('builtins' if module == '__builtin__' else module, name)
        try:
            return ALLOWED_GLOBALS[key]
        except KeyError:
            raise UnsafePickleError(self.source, '.'.join(key)) from None


def safe_pickle_load(path: str, encoding: str = 'ASCII') -> Any:
    """Unpickle the file ``path`` with :class:`AnnotationUnpickler`.

    Raises:
        UnsafePickleError: If the file references a refused global.
        FileNotFoundError, EOFError, pickle.UnpicklingError: As
            :func:`pickle.load`.
    """
    with open(path, 'rb') as f:
        return AnnotationUnpickler(f, source=path, encoding=encoding).load()


def safe_pickle_loads(data: bytes, source: str = '<bytes>',
                      encoding: str = 'ASCII') -> Any:
    """:func:`safe_pickle_load` of bytes in memory."""
    return AnnotationUnpickler(io.BytesIO(data), source=source,
                               encoding=encoding).load()


# ----------------------------------------------------------------------
# Reading and checking annotation files
# ----------------------------------------------------------------------
def load_annotation_file(ann_file: str) -> dict:
    """Load and structurally check a skeleton annotation pickle.

    A bare list of annotations is accepted as ``{'annotations': list}``.

    Raises:
        FileNotFoundError: If the file does not exist.
        UnsafePickleError: If it references a global that annotation
            files never contain (nothing of it is executed).
        ValueError: If it is truncated, not a pickle, or lacks
            ``'annotations'``; the message names the file.
    """
    if not osp.isfile(ann_file):
        raise FileNotFoundError(f'Annotation file {ann_file} not found.')
    try:
        data = safe_pickle_load(ann_file)
    except UnsafePickleError:
        raise
    except (EOFError, pickle.UnpicklingError, ValueError, TypeError,
            AttributeError, ImportError, IndexError, KeyError) as e:
        raise ValueError(f'Annotation file {ann_file} is truncated or not a '
                         f'skeleton annotation pickle ({type(e).__name__}: '
                         f'{e})') from e
    if isinstance(data, list):
        data = dict(annotations=data)
    if not isinstance(data, dict) or 'annotations' not in data:
        raise ValueError(f"Annotation file {ann_file} must hold a dict with "
                         f"an 'annotations' list (and optionally 'split'); "
                         f'got {type(data).__name__}'
                         + (f' with keys {sorted(data)}'
                            if isinstance(data, dict) else ''))
    return data


def validate_annotation(anno: dict, index: int, source: str,
                        num_joints: Optional[int] = None,
                        num_classes: Optional[int] = None) -> dict:
    """Check one annotation and return it normalised (in place).

    Checks: required keys, ``keypoint`` is a floating array of rank 4
    ``(M, T, V, C)`` with ``V == num_joints``, ``C`` in (2, 3), ``T >= 1``,
    all values finite, ``label`` an integer in ``[0, num_classes)``,
    ``0 < total_frames <= T`` (set to ``T`` when missing).

    Raises:
        ValueError: naming ``source``, the sample's index and its id.
    """
    name = anno.get('frame_dir', anno.get('filename', f'#{index}')) \
        if isinstance(anno, dict) else f'#{index}'

    def fail(msg):
        raise ValueError(f'{source}: sample {index} ({name!r}): {msg}')

    if not isinstance(anno, dict):
        fail(f'annotation must be a dict, got {type(anno).__name__}')
    if 'frame_dir' not in anno and 'filename' in anno:
        anno['frame_dir'] = anno['filename']
    missing = [k for k in REQUIRED_KEYS if k not in anno]
    if missing:
        fail(f'missing required field(s) {missing}')
    kp = anno['keypoint']
    if not isinstance(kp, np.ndarray):
        fail(f"'keypoint' must be a numpy array, got {type(kp).__name__}")
    if kp.ndim != 4:
        fail(f"'keypoint' must have rank 4 (M, T, V, C), got shape "
             f'{kp.shape}')
    if not np.issubdtype(kp.dtype, np.floating):
        fail(f"'keypoint' must be floating point, got dtype {kp.dtype}")
    M, T, V, C = kp.shape
    if M < 1 or T < 1:
        fail(f"'keypoint' is empty: shape {kp.shape}")
    if num_joints is not None and V != num_joints:
        fail(f"'keypoint' has {V} joints but the layout has {num_joints}")
    if C not in (2, 3):
        fail(f"'keypoint' must have 2 or 3 coordinates, got C={C}")
    if not np.isfinite(kp).all():
        bad = np.argwhere(~np.isfinite(kp))[0]
        fail(f"'keypoint' has non-finite values (first at (m, t, v, c)="
             f'{tuple(int(i) for i in bad)})')
    label = anno['label']
    if isinstance(label, np.ndarray) and label.size == 1:
        label = label.item()
    if isinstance(label, (bool, np.bool_)) or not isinstance(
            label, (int, np.integer)):
        fail(f"'label' must be an integer, got {label!r}")
    label = int(label)
    if label < 0 or (num_classes is not None and label >= num_classes):
        fail(f"'label' {label} is out of range [0, {num_classes})")
    anno['label'] = label
    total = anno.get('total_frames', T)
    if not 0 < int(total) <= T:
        fail(f"'total_frames' {total} must be in [1, T={T}]")
    anno['total_frames'] = int(total)
    return anno


def empty_splits(data: dict) -> List[str]:
    """Names of the splits of ``data['split']`` that list no sample."""
    return [k for k, v in (data.get('split') or {}).items() if not len(v)]


# ----------------------------------------------------------------------
# Writing
# ----------------------------------------------------------------------
def remove_stale_partials(*paths: str) -> List[str]:
    """Remove the ``.<name>.partial`` files that a killed writer of the
    outputs ``paths`` left behind.

    Returns:
        list[str]: The removed files.
    """
    removed = []
    for path in paths:
        tmp = partial_name(osp.abspath(path))
        if osp.isfile(tmp):
            os.remove(tmp)
            removed.append(tmp)
    return removed


def dump_annotation_file(data: Union[dict, list], out: str) -> None:
    """Pickle ``data`` (highest protocol) to ``out`` atomically, with the
    user's normal file mode; a stale partial file of ``out`` is removed
    first."""
    with atomic_target(out) as tmp:
        with open(tmp, 'wb') as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)


def write_text_atomic(text: str, out: str) -> None:
    """Write the text file ``out`` atomically (see
    :func:`dump_annotation_file`)."""
    with atomic_target(out) as tmp:
        with open(tmp, 'w') as f:
            f.write(text)


def write_problem_report(problems: List[Tuple[str, str]], out: str) -> None:
    """Write the ``(sample, message)`` problems of a conversion to ``out``
    (one ``sample<TAB>message`` a line, atomically), or remove an ``out``
    of an earlier run when there are none."""
    if problems:
        write_text_atomic(''.join(f'{n}\t{m}\n' for n, m in problems), out)
    elif osp.isfile(out):
        os.remove(out)
