"""Importers of skeleton arrays prepared by other repositories.

* CTR-GCN / SGN / MAMP ``.npz`` (``x_train`` ``(N, T, 150)`` person-major
  ``2 x 25 x 3``, one-hot ``y_train``, ``x_test``, ``y_test``):
  :func:`import_npz`. The files store no sample names; for NTU they are
  recovered by replaying SGN's ``get_indices`` on the sorted list of the
  available samples (:func:`sgn_split_order`), and checked against the
  labels.
* 2s-AGCN / AimCLR / ISC ``.npy`` (``(N, 3, T, 25, 2)``) with
  ``*_num_frame.npy`` and the ``*_label.pkl`` ``(names, labels)``:
  :func:`import_npy`.
* mmaction2 / pyskl ``.pkl``: already the standard format
  (:func:`skelbench.datasets.load_annotation_file`);
  :func:`add_ntu_metadata` adds the NTU metadata from the names.

:func:`skelbench.datasets.annotation_io.dump_annotation_file` writes any
of them atomically; label pickles are read with the restricted unpickler
of :mod:`skelbench.datasets.annotation_io`.
"""
import os.path as osp
import zipfile
from typing import Dict, List, Optional, Sequence

import numpy as np

from ..annotation_io import safe_pickle_load
from .ntu_rgbd.naming import (NTU60_XVIEW_TRAIN, NTU120_XSUB_TRAIN,
                              NTU_NAME_RE, parse_ntu_name)


def add_ntu_metadata(annotations: List[dict]) -> List[dict]:
    """Add ``subject``, ``camera``, ``view``, ``setup``, ``replication``
    and ``performance`` (in place) to annotations whose ``frame_dir`` is an
    NTU sample name and that lack them (e.g. mmaction2 / pyskl pkls)."""
    for a in annotations:
        name = a.get('frame_dir', a.get('filename', ''))
        if NTU_NAME_RE.search(str(name)) is None:
            continue
        meta = parse_ntu_name(str(name))
        for k in ('subject', 'camera', 'view', 'setup', 'replication',
                  'performance'):
            a.setdefault(k, meta[k])
    return annotations


def sgn_split_order(names: Sequence[str], benchmark: str
                    ) -> Dict[str, List[str]]:
    """Sample order of SGN's ``seq_transformation.py`` (CTR-GCN/MAMP npz).

    ``names`` (the available samples, e.g. ``skes_available_name.txt``)
    are sorted, then ``get_indices`` is replayed: for each training id in
    increasing order, the samples with that id in name order (likewise
    for the test ids). Ids are performers (``xsub``), cameras (``xview``:
    train 2, 3; test 1) or setups (``xset``: even train).

    Returns:
        dict: ``{'train': [...], 'val': [...]}``.
    """
    names = sorted(set(names))
    metas = [parse_ntu_name(n) for n in names]
    if benchmark == 'xsub':
        key = 'subject'
        train_ids = sorted(NTU120_XSUB_TRAIN)
    elif benchmark == 'xview':
        key = 'camera'
        train_ids = list(NTU60_XVIEW_TRAIN)
    elif benchmark == 'xset':
        key = 'setup'
        train_ids = [i for i in range(1, 33) if i % 2 == 0]
    else:
        raise ValueError(f'unknown benchmark {benchmark!r}; use xsub, xview '
                         'or xset')
    all_ids = sorted({m[key] for m in metas})
    test_ids = [i for i in all_ids if i not in train_ids]
    out = {}
    for part, ids in (('train', train_ids), ('val', test_ids)):
        order = []
        for i in ids:
            order += [n for n, m in zip(names, metas) if m[key] == i]
        out[part] = order
    return out


def _labels_from_onehot(y: np.ndarray, where: str) -> np.ndarray:
    y = np.asarray(y)
    if y.ndim == 1:
        return y.astype(np.int64)
    if y.ndim != 2:
        raise ValueError(f'{where}: labels must be one-hot (N, C) or (N,), '
                         f'got shape {y.shape}')
    labels = y.argmax(1)
    ok = np.isclose(y.max(1), 1) & np.isclose(y.sum(1), 1)
    if not ok.all():
        raise ValueError(f'{where}: row {int(np.flatnonzero(~ok)[0])} is not '
                         'one-hot')
    return labels.astype(np.int64)


def _trim(kp: np.ndarray, total: Optional[int] = None) -> np.ndarray:
    """Cut ``(M, T, V, C)`` after its last non-empty frame (or after
    ``total`` frames); at least one frame is kept."""
    if total is None:
        nz = np.flatnonzero(np.abs(kp).sum(axis=(0, 2, 3)))
        total = int(nz[-1]) + 1 if nz.size else 0
    return kp[:, :max(1, int(total))]


def iter_npz_rows(path: str, key: str):
    """``(shape, rows)``: the shape of array ``key`` of an ``.npz`` and an
    iterator over its rows, read sequentially from the archive (the whole
    array is never in memory)."""
    with zipfile.ZipFile(path) as zf:
        member = key + '.npy'
        if member not in zf.namelist():
            raise KeyError(f'{path} has no array {key!r}')
        with zf.open(member) as f:
            version = np.lib.format.read_magic(f)
            read = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                    else np.lib.format.read_array_header_2_0)
            shape, fortran, dtype = read(f)
    if fortran or dtype.hasobject:
        arr = np.load(path, allow_pickle=False)[key]
        return shape, iter(arr)

    def rows():
        row = int(np.prod(shape[1:], dtype=np.int64)) * dtype.itemsize
        with zipfile.ZipFile(path) as zf, zf.open(member) as f:
            version = np.lib.format.read_magic(f)
            read = (np.lib.format.read_array_header_1_0
                    if version == (1, 0)
                    else np.lib.format.read_array_header_2_0)
            read(f)
            for i in range(shape[0]):
                buf = f.read(row)
                if len(buf) != row:
                    raise ValueError(f'{path}:{key}: truncated at row {i}')
                yield np.frombuffer(buf, dtype).reshape(shape[1:])
    return shape, rows()


def import_npz(path: str, benchmark: str,
               names: Optional[Dict[str, Sequence[str]]] = None,
               available_names: Optional[Sequence[str]] = None,
               num_person: int = 2, num_joints: int = 25,
               dtype: str = 'float32', check_labels: bool = True) -> dict:
    """Import a CTR-GCN / SGN / MAMP ``.npz`` file.

    Args:
        path (str): The ``.npz`` (``x_train``, ``y_train``, ``x_test``,
            ``y_test``).
        benchmark (str): Split prefix (``'xsub'``, ``'xview'``, ``'xset'``);
            the splits are ``{benchmark}_train`` / ``{benchmark}_val``.
        names (dict, optional): ``{'train': [...], 'val': [...]}`` sample
            names in array order.
        available_names (Sequence[str], optional): NTU: the available
            sample names (``skes_available_name.txt``); the names are then
            recovered with :func:`sgn_split_order`.
        num_person, num_joints: Layout of the 150-value frame vector
            (person-major ``M x V x 3``).
        dtype (str): Stored keypoint dtype.
        check_labels (bool): For recovered NTU names, require that every
            label equals the name's action - 1 (proves the order).

    Without ``names`` or ``available_names`` the ids are
    ``'{benchmark}_train_000000'``...

    Returns:
        dict: The standard ``{'split', 'annotations'}`` dict; keypoints are
        ``(M, T, V, 3)`` cut after the last non-empty frame.
    """
    with zipfile.ZipFile(path) as zf:
        keys = {osp.splitext(n)[0] for n in zf.namelist()}
    if names is None and available_names is not None:
        names = sgn_split_order(available_names, benchmark)
    annos, split = [], {}
    for part, xk, yk in (('train', 'x_train', 'y_train'),
                         ('val', 'x_test', 'y_test')):
        if xk not in keys:
            continue
        if yk not in keys:
            raise ValueError(f'{path} has {xk} but no {yk}')
        shape, rows = iter_npz_rows(path, xk)
        with np.load(path, allow_pickle=False) as z:
            labels = _labels_from_onehot(z[yk], f'{path}:{yk}')
        if len(shape) != 3 or shape[2] != num_person * num_joints * 3:
            raise ValueError(f'{path}:{xk} must be (N, T, '
                             f'{num_person * num_joints * 3}), got '
                             f'{shape}')
        n = shape[0]
        if len(labels) != n:
            raise ValueError(f'{path}: {n} samples in {xk} but '
                             f'{len(labels)} labels in {yk}')
        if names is not None:
            ids = list(names[part])
            if len(ids) != n:
                raise ValueError(
                    f'{path}:{xk} has {n} samples but {len(ids)} names'
                    f' were given/recovered for {benchmark}_{part}: wrong '
                    'benchmark or available-name list')
        else:
            ids = [f'{benchmark}_{part}_{i:06d}' for i in range(n)]
        for i, row in enumerate(rows):
            kp = np.asarray(row, dtype=np.float32).reshape(
                shape[1], num_person, num_joints, 3).transpose(1, 0, 2, 3)
            kp = _trim(kp)
            anno = dict(frame_dir=ids[i], label=int(labels[i]),
                        keypoint=np.ascontiguousarray(kp, dtype=dtype),
                        total_frames=int(kp.shape[1]))
            if NTU_NAME_RE.fullmatch(ids[i]):
                meta = parse_ntu_name(ids[i])
                if check_labels and meta['label'] != anno['label']:
                    raise ValueError(
                        f'{path}:{xk}[{i}]: label {anno["label"]} but the '
                        f'recovered name {ids[i]} is action '
                        f'{meta["action"]}: the name order does not match')
                add_ntu_metadata([anno])
            annos.append(anno)
        split[f'{benchmark}_{part}'] = ids
    if not annos:
        raise ValueError(f'{path}: no x_train / x_test arrays')
    return dict(split=split, annotations=annos)


def _load_label_pkl(path: str):
    """``(names, labels)`` of a ``*_label.pkl`` (a ``(names, labels)``
    pair or a dict with ``names``/``sample_name`` and ``labels``/``label``;
    Python 2 pickles too), read with the restricted unpickler."""
    try:
        obj = safe_pickle_load(path)
    except UnicodeDecodeError:  # Python 2 pickles of byte strings
        obj = safe_pickle_load(path, encoding='latin1')
    if isinstance(obj, dict):
        obj = (obj.get('names', obj.get('sample_name')),
               obj.get('labels', obj.get('label')))
    names, labels = obj[0], obj[1]
    return ([osp.splitext(osp.basename(str(n)))[0] for n in names],
            [int(v) for v in labels])


def import_npy(parts: Dict[str, dict], benchmark: str,
               dtype: str = 'float32') -> dict:
    """Import 2s-AGCN / AimCLR / ISC ``.npy`` arrays.

    Args:
        parts (dict): ``{'train': dict(data=..., label=..., num_frame=...),
            'val': {...}}``: paths of ``{part}_data_joint.npy``
            ``(N, 3, T, V, M)``, ``{part}_label.pkl`` ``(names, labels)``
            and (optional) ``{part}_num_frame.npy``.
        benchmark (str): Split prefix (``xsub``, ``xview``, ``xset``...).
        dtype (str): Stored keypoint dtype.

    Returns:
        dict: The standard dict; keypoints ``(M, T, V, C)`` cut to
        ``num_frame`` (or after the last non-empty frame).
    """
    annos, split = [], {}
    for part, files in parts.items():
        x = np.load(files['data'], mmap_mode='r')
        if x.ndim != 5:
            raise ValueError(f"{files['data']}: expected (N, C, T, V, M), "
                             f'got {x.shape}')
        names, labels = _load_label_pkl(files['label'])
        nf = None
        if files.get('num_frame'):
            nf = np.load(files['num_frame'])
            if len(nf) != len(x):
                raise ValueError(f"{files['num_frame']}: {len(nf)} lengths "
                                 f'for {len(x)} samples')
        if len(names) != len(x) or len(labels) != len(x):
            raise ValueError(f"{files['label']}: {len(names)} names / "
                             f'{len(labels)} labels for {len(x)} samples in '
                             f"{files['data']}")
        for i in range(len(x)):
            kp = np.asarray(x[i], dtype=np.float32).transpose(3, 1, 2, 0)
            kp = _trim(kp, None if nf is None else int(nf[i]))
            anno = dict(frame_dir=names[i], label=labels[i],
                        keypoint=np.ascontiguousarray(kp.astype(dtype)),
                        total_frames=int(kp.shape[1]))
            annos.append(anno)
        split[f'{benchmark}_{part}'] = list(names)
    add_ntu_metadata(annos)
    return dict(split=split, annotations=annos)
