"""Conversion of NTU RGB+D ``.skeleton`` files (folders or the official
zip archives) to the standard annotation dict."""
import os
import os.path as osp
import zipfile
from typing import Dict, Iterable, List, Optional, Tuple, Union

import numpy as np

from .actor_selection import SELECTORS
from .naming import (NTU_BENCHMARKS, in_task, ntu_sample_id, ntu_splits,
                     parse_ntu_name)
from .skeleton_file import SkeletonFileError, read_skeleton_file


def load_ntu_sample(path: str, data: Optional[bytes] = None,
                    actor_rule: str = 'denoise',
                    dtype: Union[str, type] = np.float32) -> dict:
    """Read one ``.skeleton`` file into a standard annotation dict.

    Args:
        path (str): The file (its name gives the sample id).
        data (bytes, optional): Its content, if already read.
        actor_rule (str): ``'denoise'`` (SGN/MAMP) or ``'energy'``
            (2s-AGCN/ISC).
        dtype: ``float32`` (default) or ``float16``.

    Returns:
        dict: ``frame_dir``, ``label`` (``action - 1``), ``keypoint``
        ``(2, T, 25, 3)``, ``total_frames``, and the metadata of
        :func:`parse_ntu_name`.

    Raises:
        SkeletonFileError: For a malformed, truncated or empty file.
    """
    if actor_rule not in SELECTORS:
        raise ValueError(f'actor_rule must be one of {sorted(SELECTORS)}, '
                         f'got {actor_rule!r}')
    name = ntu_sample_id(path)
    meta = parse_ntu_name(name)
    raw = read_skeleton_file(path, data)
    kp = SELECTORS[actor_rule](raw, path)
    if kp.shape[1] == 0 or not np.any(kp):
        raise SkeletonFileError(path, None, 'no skeleton in any frame')
    anno = dict(frame_dir=name, label=meta.pop('label'),
                keypoint=kp.astype(dtype), total_frames=int(kp.shape[1]))
    anno.update(meta)
    return anno


def list_skeleton_files(inputs: Union[str, Iterable[str]]
                        ) -> List[Tuple[str, Optional[str], str]]:
    """Find the ``.skeleton`` files of folders and/or zip archives.

    Returns:
        list: ``(source, member, sample_id)`` sorted by sample id;
        ``member`` is ``None`` for a plain file (``source`` is its path)
        or the member name inside the zip ``source``.

    Raises:
        FileNotFoundError: For a missing input.
        ValueError: If a sample id occurs twice.
    """
    if isinstance(inputs, str):
        inputs = [inputs]
    found = {}
    for src in inputs:
        if osp.isdir(src):
            for root, _, files in os.walk(src):
                for fn in files:
                    if fn.endswith('.skeleton'):
                        item = (osp.join(root, fn), None)
                        _add(found, fn, item)
        elif osp.isfile(src) and zipfile.is_zipfile(src):
            with zipfile.ZipFile(src) as zf:
                for member in zf.namelist():
                    if member.endswith('.skeleton'):
                        _add(found, member, (src, member))
        elif osp.isfile(src) and src.endswith('.skeleton'):
            _add(found, src, (src, None))
        else:
            raise FileNotFoundError(f'{src}: not a folder, a zip archive or '
                                    'a .skeleton file')
    return [(s, m, k) for k, (s, m) in sorted(found.items())]


def _add(found, fn, item):
    try:
        key = ntu_sample_id(fn)
    except ValueError:
        return  # not an NTU sample file
    if key in found:
        prev = found[key]
        raise ValueError(f'sample {key} found twice: {prev} and {item}')
    found[key] = item


_ZIPS: Dict[str, zipfile.ZipFile] = {}


def _convert_one(job):
    source, member, name, actor_rule, dtype = job
    try:
        if member is None:
            return 'ok', load_ntu_sample(source, None, actor_rule, dtype)
        zf = _ZIPS.get(source)
        if zf is None:
            zf = _ZIPS[source] = zipfile.ZipFile(source)
        data = zf.read(member)
        return 'ok', load_ntu_sample(f'{source}/{member}', data,
                                     actor_rule, dtype)
    except SkeletonFileError as e:
        return 'error', name, str(e), (e.path, e.line, e.reason)
    except (ValueError, OSError, zipfile.BadZipFile) as e:
        where = source if member is None else f'{source}/{member}'
        return 'error', name, str(e), (where, None, str(e))


def convert_ntu_raw(inputs: Union[str, Iterable[str]],
                    task: str = 'ntu60',
                    missing: Optional[Iterable[str]] = None,
                    actor_rule: str = 'denoise',
                    dtype: str = 'float32',
                    num_workers: int = 0,
                    strict: bool = False,
                    progress: bool = True
                    ) -> Tuple[dict, List[Tuple[str, str]], dict]:
    """Convert raw ``.skeleton`` files to the standard annotation dict.

    Files are parsed in ``num_workers`` processes (``0``: in this process)
    and streamed: each worker returns only the finished annotation.

    Args:
        inputs: Folders, zip archives
            (``nturgbd_skeletons_s001_to_s017.zip``, ...) or ``.skeleton``
            files.
        task (str): ``'ntu60'`` (setups 1-17, actions 1-60; splits xsub,
            xview) or ``'ntu120'`` (splits xsub, xset).
        missing (Iterable[str], optional): Sample names to skip (the
            official missing-skeleton list).
        actor_rule (str): ``'denoise'`` or ``'energy'``.
        dtype (str): ``'float32'`` or ``'float16'``.
        num_workers (int): Worker processes.
        strict (bool): Raise on the first bad file instead of skipping it.
        progress (bool): Show a progress bar (on stderr).

    Returns:
        tuple: ``(data, errors, stats)``: the ``{'split', 'annotations'}``
        dict (annotations sorted by name), the ``(name, message)`` of the
        skipped bad files, and counts (``found``, ``missing_skipped``,
        ``converted``, ``errors``).

    Raises:
        SkeletonFileError: With ``strict=True``, for the first bad file.
        ValueError: If nothing could be converted.
    """
    import sys
    from multiprocessing import get_context

    if task not in NTU_BENCHMARKS:
        raise ValueError(f"task must be 'ntu60' or 'ntu120', got {task!r}")
    if dtype not in ('float32', 'float16'):
        raise ValueError(f"dtype must be 'float32' or 'float16', got "
                         f'{dtype!r}')
    if actor_rule not in SELECTORS:
        raise ValueError(f'actor_rule must be one of {sorted(SELECTORS)}, '
                         f'got {actor_rule!r}')
    files = [f for f in list_skeleton_files(inputs) if in_task(f[2], task)]
    skip = {ntu_sample_id(n) for n in (missing or ())}
    jobs = [(s, m, k, actor_rule, dtype) for s, m, k in files
            if k not in skip]
    stats = dict(found=len(files), missing_skipped=len(files) - len(jobs))
    if not jobs:
        raise ValueError(f'no {task} .skeleton files to convert in {inputs}')
    bar = None
    if progress:
        from mmengine.utils import ProgressBar
        bar = ProgressBar(len(jobs), file=sys.stderr)
    annos, errors = [], []
    step = max(1, len(jobs) // 200)  # redraw the bar at most ~200 times

    def consume(results):
        for i, res in enumerate(results, 1):
            if res[0] == 'ok':
                annos.append(res[1])
            else:
                if strict:
                    raise SkeletonFileError(*res[3])
                errors.append((res[1], res[2]))
            if bar is not None and (i % step == 0 or i == len(jobs)):
                bar.update(step if i % step == 0 else i % step)

    if num_workers and num_workers > 1 and len(jobs) > 1:
        chunk = max(1, min(64, len(jobs) // (num_workers * 8)))
        with get_context('spawn' if sys.platform == 'win32' else 'fork'
                         ).Pool(num_workers) as pool:
            consume(pool.imap(_convert_one, jobs, chunksize=chunk))
    else:
        consume(map(_convert_one, jobs))
    if bar is not None:
        sys.stderr.write('\n')
    if not annos:
        raise ValueError(f'none of the {len(jobs)} files could be converted;'
                         f' first error: {errors[0][1] if errors else "-"}')
    annos.sort(key=lambda a: a['frame_dir'])
    names = [a['frame_dir'] for a in annos]
    stats.update(converted=len(annos), errors=len(errors))
    return dict(split=ntu_splits(names, task), annotations=annos), errors, \
        stats
