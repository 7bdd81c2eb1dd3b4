"""Reader of the raw NTU RGB+D 60 / 120 ``.skeleton`` files.

File format (text, CRLF line ends)::

    <frame count>
    per frame:  <body count>
      per body: <10 body-info values: bodyID clipedEdges handLeftConfidence
                 handLeftState handRightConfidence handRightState
                 isRestricted leanX leanY trackingState>
                <joint count (25)>
                25 x <x y z depthX depthY colorX colorY orientationW
                      orientationX orientationY orientationZ trackingState>

Sample names ``SsssCcccPpppRrrrAaaa`` give the setup, camera, performer,
replication and action (all 1-based).

Two rules pick (up to) two actors among the tracked bodies:

* ``'denoise'``: the SGN preprocessing (``get_raw_skes_data.py`` +
  ``get_raw_denoised_data.py``), used by SGN, MAMP, S-JEPA, CTR-GCN's
  ``.npz`` files and pyskl's ``ntu*_3danno.pkl``: bodies are tracked by
  ``bodyID``; bodies seen in at most 11 frames are dropped; a body whose
  frames have ``x-spread > 0.8 * y-spread`` in at least 69.754 % of its
  frames is dropped (never the last one); the rest are ranked by motion
  (sum of the per-axis variance) and merged into two actor slots when
  their frame intervals do not overlap; frames where both slots are empty
  are removed.
* ``'energy'``: the 2s-AGCN ``ntu_gendata.py`` rule (also mmaction2's
  ``gen_ntu_rgbd_raw.py``, Skeleton-Contrast/ISC, AimCLR): bodies are
  slotted by their order in each frame (at most 4), and the two slots with
  the largest "energy" (sum over x, y, z of the std over non-empty frames)
  are kept; every frame of the file is kept.
"""
import os
import os.path as osp
import re
import zipfile
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np

NTU_NAME_RE = re.compile(r'S(\d{3})C(\d{3})P(\d{3})R(\d{3})A(\d{3})')

NTU60_XSUB_TRAIN = (1, 2, 4, 5, 8, 9, 13, 14, 15, 16, 17, 18, 19, 25, 27,
                    28, 31, 34, 35, 38)
NTU120_XSUB_TRAIN = NTU60_XSUB_TRAIN + (
    45, 46, 47, 49, 50, 52, 53, 54, 55, 56, 57, 58, 59, 70, 74, 78, 80, 81,
    82, 83, 84, 85, 86, 89, 91, 92, 93, 94, 95, 97, 98, 100, 103)
NTU60_XVIEW_TRAIN = (2, 3)

#: Benchmarks of each task, in split order.
NTU_BENCHMARKS = dict(ntu60=('xsub', 'xview'), ntu120=('xsub', 'xset'))
NTU_NUM_CLASSES = dict(ntu60=60, ntu120=120)

NUM_JOINTS = 25
# SGN / pyskl denoising thresholds.
NOISE_LEN_THRES = 11
NOISE_SPR_THRES1 = 0.8
NOISE_SPR_THRES2 = 0.69754
MAX_BODY_KINECT = 4


class SkeletonFileError(ValueError):
    """A malformed or truncated ``.skeleton`` file.

    Attributes:
        path (str): The file.
        line (int | None): 1-based line number of the problem.
        reason (str): What is wrong.
    """

    def __init__(self, path: str, line: Optional[int], reason: str):
        self.path, self.line, self.reason = path, line, reason
        where = f'{path}:{line}' if line is not None else path
        super().__init__(f'{where}: {reason}')


def parse_ntu_name(name: str) -> dict:
    """Metadata of a sample name ``SsssCcccPpppRrrrAaaa``.

    Returns:
        dict: ``setup``, ``camera``, ``subject`` (the performer),
        ``replication``, ``action`` (1-based), ``label`` (``action - 1``),
        ``view`` (= camera) and ``performance`` (``SsssPpppRrrrAaaa``: the
        same for the camera views of one performance).

    Raises:
        ValueError: If the name does not contain such an id.
    """
    m = NTU_NAME_RE.search(osp.basename(name))
    if m is None:
        raise ValueError(f'{name!r} is not an NTU sample name '
                         '(SsssCcccPpppRrrrAaaa)')
    s, c, p, r, a = (int(g) for g in m.groups())
    return dict(setup=s, camera=c, view=c, subject=p, replication=r,
                action=a, label=a - 1,
                performance=f'S{s:03d}P{p:03d}R{r:03d}A{a:03d}')


def ntu_sample_id(name: str) -> str:
    """The ``SsssCcccPpppRrrrAaaa`` part of a file or sample name."""
    m = NTU_NAME_RE.search(osp.basename(name))
    if m is None:
        raise ValueError(f'{name!r} is not an NTU sample name')
    return m.group(0)


def in_task(name: str, task: str) -> bool:
    """Whether sample ``name`` belongs to ``task`` (``'ntu60'``: setups
    1-17 and actions 1-60; ``'ntu120'``: all)."""
    meta = parse_ntu_name(name)
    if task == 'ntu60':
        return meta['setup'] <= 17 and meta['action'] <= 60
    if task == 'ntu120':
        return True
    raise ValueError(f"task must be 'ntu60' or 'ntu120', got {task!r}")


def ntu_split_of(name: str, benchmark: str) -> str:
    """``'train'`` or ``'val'`` of sample ``name`` in ``benchmark``.

    ``xsub``: training performers (:data:`NTU120_XSUB_TRAIN`, which
    contains the NTU60 list); ``xview``: cameras 2, 3 train; ``xset``:
    even setups train.
    """
    meta = parse_ntu_name(name)
    if benchmark == 'xsub':
        train = meta['subject'] in NTU120_XSUB_TRAIN
    elif benchmark == 'xview':
        train = meta['camera'] in NTU60_XVIEW_TRAIN
    elif benchmark == 'xset':
        train = meta['setup'] % 2 == 0
    else:
        raise ValueError(f'unknown NTU benchmark {benchmark!r}; use xsub, '
                         'xview or xset')
    return 'train' if train else 'val'


def ntu_splits(names: Sequence[str], task: str) -> Dict[str, List[str]]:
    """The ``{'xsub_train': [...], 'xsub_val': [...], ...}`` splits of
    ``names`` for ``task`` (``ntu60``: xsub, xview; ``ntu120``: xsub,
    xset), in the order of ``names``."""
    splits = {}
    for bench in NTU_BENCHMARKS[task]:
        splits[f'{bench}_train'] = []
        splits[f'{bench}_val'] = []
        for n in names:
            splits[f'{bench}_{ntu_split_of(n, bench)}'].append(n)
    return splits


def read_name_list(path: str) -> List[str]:
    """Sample names of a list file (one a line; blank lines, ``#``
    comments and ``.skeleton`` suffixes ignored)."""
    names = []
    with open(path) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                names.append(ntu_sample_id(line))
    return names


# ----------------------------------------------------------------------
# Parsing
# ----------------------------------------------------------------------
def parse_skeleton_text(text: str, path: str = '<text>') -> dict:
    """Parse the text of one ``.skeleton`` file.

    Returns:
        dict: ``num_frames`` (header), ``xyz`` float32 ``(K, 25, 3)`` (all
        body-frames in file order) and ``records``: one
        ``(frame, slot, bodyID)`` tuple per row of ``xyz`` (``slot`` is the
        body's position in its frame).

    Raises:
        SkeletonFileError: Naming the file and the 1-based line of the
            first problem (truncation, wrong value counts, non-numbers).
    """
    lines = text.split('\n')
    n = len(lines)
    pos = 0

    def take_int(what):
        nonlocal pos
        if pos >= n or not lines[pos].strip():
            raise SkeletonFileError(path, pos + 1, 'unexpected end of file '
                                    f'(truncated) or empty line: expected '
                                    f'{what}')
        s = lines[pos].strip()
        try:
            v = int(s)
        except ValueError:
            raise SkeletonFileError(path, pos + 1, f'expected {what} (an '
                                    f'integer), got {s[:40]!r}') from None
        if v < 0:
            raise SkeletonFileError(path, pos + 1, f'negative {what} {v}')
        pos += 1
        return v

    num_frames = take_int('the frame count')
    records = []
    starts = []  # first joint line (0-based) of each body-frame
    for f in range(num_frames):
        num_bodies = take_int(f'the body count of frame {f + 1}')
        for b in range(num_bodies):
            if pos >= n or not lines[pos].strip():
                raise SkeletonFileError(
                    path, pos + 1, 'unexpected end of file (truncated): '
                    f'expected the body-info line of body {b + 1} of frame '
                    f'{f + 1}')
            info = lines[pos].split()
            if len(info) != 10:
                raise SkeletonFileError(
                    path, pos + 1, f'body-info line has {len(info)} values, '
                    'expected 10')
            pos += 1
            nj = take_int('the joint count')
            if nj != NUM_JOINTS:
                raise SkeletonFileError(path, pos, f'joint count {nj}, '
                                        f'expected {NUM_JOINTS}')
            if pos + NUM_JOINTS > n:
                raise SkeletonFileError(path, n, 'unexpected end of file '
                                        '(truncated) inside the joints of '
                                        f'frame {f + 1}')
            records.append((f, b, info[0]))
            starts.append(pos)
            pos += NUM_JOINTS
    rest = [i for i in range(pos, n) if lines[i].strip()]
    if rest:
        raise SkeletonFileError(path, rest[0] + 1, 'unexpected content after '
                                f'the last of {num_frames} frames')
    if starts:
        jl = [ln for s in starts for ln in lines[s:s + NUM_JOINTS]]
        # Fast check of the 12 values per line (single-space separated,
        # as written by the Kinect tools); anything else is checked line
        # by line.
        if '\n'.join(jl).count(' ') != 11 * len(jl) and any(
                len(ln.split()) != 12 for ln in jl):
            _locate_bad_joint_line(lines, starts, path)
        try:
            vals = np.array([t for ln in jl for t in ln.split(None, 3)[:3]],
                            dtype=np.float64)
        except ValueError:
            vals = None
        if vals is None or vals.size != len(jl) * 3:
            _locate_bad_joint_line(lines, starts, path)
        xyz = vals.reshape(-1, NUM_JOINTS, 3).astype(np.float32)
    else:
        xyz = np.zeros((0, NUM_JOINTS, 3), np.float32)
    if not np.isfinite(xyz).all():
        k = int(np.argwhere(~np.isfinite(xyz))[0][0])
        raise SkeletonFileError(path, starts[k] + 1, 'non-finite joint '
                                'coordinates')
    return dict(num_frames=num_frames, xyz=xyz, records=records)


def _locate_bad_joint_line(lines, starts, path):
    for s in starts:
        for i in range(s, s + NUM_JOINTS):
            vals = lines[i].split()
            if len(vals) != 12:
                raise SkeletonFileError(path, i + 1, f'joint line has '
                                        f'{len(vals)} values, expected 12')
            try:
                [float(v) for v in vals]
            except ValueError:
                raise SkeletonFileError(path, i + 1, 'joint line has a '
                                        'non-numeric value') from None
    raise SkeletonFileError(path, None, 'could not parse the joint lines')


def read_skeleton_file(path: str, data: Optional[bytes] = None) -> dict:
    """Read and parse one ``.skeleton`` file (see
    :func:`parse_skeleton_text`); ``data`` are its bytes if already
    read (e.g. from a zip)."""
    if data is None:
        with open(path, 'rb') as f:
            data = f.read()
    try:
        text = data.decode('ascii')
    except UnicodeDecodeError as e:
        raise SkeletonFileError(path, data[:e.start].count(b'\n') + 1,
                                'not an ASCII text file') from None
    return parse_skeleton_text(text, path)


# ----------------------------------------------------------------------
# Actor selection
# ----------------------------------------------------------------------
def select_actors_energy(raw: dict, path: str = '<skeleton>'
                         ) -> np.ndarray:
    """2s-AGCN / ISC rule: the two body slots with the largest energy.

    Returns:
        np.ndarray: float32 ``(2, T, 25, 3)``, ``T`` = the header's frame
        count (frames without bodies stay zero).
    """
    T = raw['num_frames']
    if T == 0 or not raw['records']:
        raise SkeletonFileError(path, None, 'no skeleton in any frame')
    data = np.zeros((MAX_BODY_KINECT, T, NUM_JOINTS, 3), np.float32)
    for k, (f, b, _) in enumerate(raw['records']):
        if b < MAX_BODY_KINECT:
            data[b, f] = raw['xyz'][k]
    energy = []
    for body in data:
        s = body[body.sum(-1).sum(-1) != 0]
        energy.append(sum(s[:, :, c].std() for c in range(3))
                      if len(s) else 0.0)
    order = np.argsort(np.asarray(energy), kind='stable')[::-1][:2]
    return data[order]


def select_actors_denoise(raw: dict, path: str = '<skeleton>'
                          ) -> np.ndarray:
    """SGN / MAMP rule (see the module docstring).

    Returns:
        np.ndarray: float32 ``(2, T, 25, 3)``: actor 1 (largest motion)
        and actor 2 (zeros if absent); ``T`` = frames where any actor is
        present.
    """
    if not raw['records']:
        raise SkeletonFileError(path, None, 'no skeleton in any frame')
    # Frames with bodies, renumbered without the empty ones (as SGN).
    frames = sorted({f for f, _, _ in raw['records']})
    fidx = {f: i for i, f in enumerate(frames)}
    T = len(frames)
    bodies: Dict[str, dict] = {}
    for k, (f, _, bid) in enumerate(raw['records']):
        body = bodies.setdefault(bid, dict(rows=[], frames=[]))
        if body['frames'] and body['frames'][-1] == fidx[f]:
            continue  # a duplicated bodyID within one frame: keep first
        body['rows'].append(k)
        body['frames'].append(fidx[f])
    for body in bodies.values():
        body['joints'] = raw['xyz'][body['rows']]  # (n, 25, 3)
        body['motion'] = float(np.sum(np.var(
            body['joints'].reshape(-1, 3).astype(np.float64), axis=0)))
    ids = list(bodies)
    # (a) length
    if len(ids) > 1:
        kept = [i for i in ids
                if len(bodies[i]['frames']) > NOISE_LEN_THRES]
        if not kept:  # every body is short: keep the longest one
            kept = [max(ids, key=lambda i: len(bodies[i]['frames']))]
        ids = kept
    # (b) spread
    if len(ids) > 1:
        for i in list(ids):
            if len(ids) == 1:
                break
            j = bodies[i]['joints']
            xs = j[:, :, 0].max(1) - j[:, :, 0].min(1)
            ys = j[:, :, 1].max(1) - j[:, :, 1].min(1)
            valid = xs <= NOISE_SPR_THRES1 * ys
            noise = len(valid) - int(valid.sum())
            if noise == 0:
                continue
            if noise / len(valid) >= NOISE_SPR_THRES2:
                ids.remove(i)
            else:
                var = np.sum(np.var(j[valid].reshape(-1, 3).astype(
                    np.float64), axis=0)) if valid.any() else np.inf
                bodies[i]['motion'] = min(bodies[i]['motion'], float(var))
    # (c) rank by motion and merge into two slots
    ids = sorted(ids, key=lambda i: bodies[i]['motion'], reverse=True)
    out = np.zeros((2, T, NUM_JOINTS, 3), np.float32)
    first = bodies[ids[0]]
    out[0, first['frames']] = first['joints']
    s1, e1 = first['frames'][0], first['frames'][-1]
    s2, e2 = 0, 0
    for i in ids[1:]:
        body = bodies[i]
        s, e = body['frames'][0], body['frames'][-1]
        if min(e1, e) - max(s1, s) <= 0:
            out[0, body['frames']] = body['joints']
            s1, e1 = min(s, s1), max(e, e1)
        elif min(e2, e) - max(s2, s) <= 0:
            out[1, body['frames']] = body['joints']
            s2, e2 = min(s, s2), max(e, e2)
    valid = np.abs(out).sum(axis=(0, 2, 3)) != 0
    return out[:, valid]


SELECTORS = dict(denoise=select_actors_denoise, energy=select_actors_energy)


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


# ----------------------------------------------------------------------
# Discovery
# ----------------------------------------------------------------------
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


# ----------------------------------------------------------------------
# Whole-dataset conversion
# ----------------------------------------------------------------------
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
    except (ValueError, OSError, zipfile.BadZipFile) as e:
        return 'error', name, str(e)


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
                    raise SkeletonFileError(res[1], None, res[2])
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
