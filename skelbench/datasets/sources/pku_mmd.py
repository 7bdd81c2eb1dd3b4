"""Reader of PKU-MMD phase I and II (3D skeletons, action instances).

Release layout (names as downloaded; pass the folders explicitly if they
differ):

* skeletons: ``<video>.txt``, one frame a line with 150 values = 2 actors
  x 25 joints (Kinect v2, ``nturgb+d`` layout) x (x, y, z); the second
  actor is zeros when absent;
* labels: ``<video>.txt``, one action instance a line:
  ``class,start,end,confidence`` (class 1-based: 51 classes in phase I,
  41 in phase II);
* splits: ``cross-subject.txt`` / ``cross-view.txt`` (phase I) and
  ``cross_subject_v2.txt`` / ``cross_view_v2.txt`` (phase II): a
  ``Training videos:`` line followed by comma-separated video ids, then a
  ``Validation videos:`` line and its ids.

Each instance is ``frames[start:end]`` of its video (as MAMP's
``pku_gendata.py``); instances whose skeletons are all zero are skipped
(reported). Video ids ``0002-L`` end in the view ``L``/``M``/``R``; the
three views of one performance share ``performance`` =
``'<video without view>_A<class>_<n>'`` (``n``: occurrence of the class in
the video), the multi-view positives of skeleton BYOL.
"""
import os
import os.path as osp
import re
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

PKU_NUM_CLASSES = {1: 51, 2: 41}
PKU_SPLIT_FILES = {
    1: dict(xsub='cross-subject.txt', xview='cross-view.txt'),
    2: dict(xsub='cross_subject_v2.txt', xview='cross_view_v2.txt')}
VIEWS = dict(L=1, M=2, R=3)
VIDEO_RE = re.compile(r'^(.*?)[-_]([LMR])$')


class PKUFileError(ValueError):
    """A malformed PKU-MMD file (names the file and 1-based line)."""

    def __init__(self, path: str, line: Optional[int], reason: str):
        self.path, self.line, self.reason = path, line, reason
        where = f'{path}:{line}' if line is not None else path
        super().__init__(f'{where}: {reason}')


def read_pku_skeleton(path: str) -> np.ndarray:
    """One video's skeletons as float32 ``(2, T, 25, 3)``.

    Raises:
        PKUFileError: For a line without 150 numbers or an empty file.
    """
    with open(path, 'rb') as f:
        text = f.read().decode('ascii', errors='replace')
    lines = [ln for ln in text.splitlines()]
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise PKUFileError(path, None, 'empty skeleton file')
    try:
        vals = np.array(' '.join(lines).split(), dtype=np.float64)
    except ValueError:
        vals = None
    if vals is None or vals.size != 150 * len(lines):
        for i, ln in enumerate(lines):
            toks = ln.split()
            if len(toks) != 150:
                raise PKUFileError(path, i + 1, f'{len(toks)} values, '
                                   'expected 150 (2 x 25 x 3)')
            try:
                [float(t) for t in toks]
            except ValueError:
                raise PKUFileError(path, i + 1, 'non-numeric value') \
                    from None
        raise PKUFileError(path, None, 'could not parse')
    if not np.isfinite(vals).all():
        k = int(np.flatnonzero(~np.isfinite(vals))[0]) // 150
        raise PKUFileError(path, k + 1, 'non-finite value')
    kp = vals.reshape(len(lines), 2, 25, 3).transpose(1, 0, 2, 3)
    return np.ascontiguousarray(kp, dtype=np.float32)


def read_pku_labels(path: str) -> List[Tuple[int, int, int, float]]:
    """``(class, start, end, confidence)`` rows of a label file."""
    rows = []
    with open(path) as f:
        for i, ln in enumerate(f):
            ln = ln.strip()
            if not ln:
                continue
            parts = [p.strip() for p in ln.split(',')]
            try:
                if len(parts) < 3:
                    raise ValueError
                cls, start, end = (int(float(p)) for p in parts[:3])
                conf = float(parts[3]) if len(parts) > 3 and parts[3] \
                    else 1.0
            except ValueError:
                raise PKUFileError(path, i + 1, 'expected "class,start,end,'
                                   f'confidence", got {ln[:60]!r}') from None
            rows.append((cls, start, end, conf))
    return rows


def read_pku_split(path: str) -> Dict[str, List[str]]:
    """``{'train': [videos], 'val': [videos]}`` of an official split file.

    A line mentioning "train" starts the training ids, one mentioning
    "valid"/"test" the validation ids; ids are comma separated.
    """
    out = dict(train=[], val=[])
    part = None
    with open(path) as f:
        for ln in f:
            low = ln.strip().lower()
            if not low:
                continue
            if 'train' in low and ',' not in low:
                part = 'train'
                continue
            if ('valid' in low or 'test' in low) and ',' not in low:
                part = 'val'
                continue
            if part is None:
                raise PKUFileError(path, None, 'video ids before a '
                                   '"Training videos:" line')
            out[part] += [v.strip() for v in ln.split(',') if v.strip()]
    if not out['train'] or not out['val']:
        raise PKUFileError(path, None, 'needs training and validation ids')
    return out


def parse_video_id(video: str) -> Tuple[str, Optional[int], str]:
    """``(performance, view (1-3 or None), view letter or '')``."""
    m = VIDEO_RE.match(video)
    if m is None:
        return video, None, ''
    return m.group(1), VIEWS[m.group(2)], m.group(2)


def cut_instances(video: str, kp: np.ndarray, labels, num_classes: int,
                  label_path: str = '', dtype='float32'
                  ) -> Tuple[List[dict], List[Tuple[str, str]]]:
    """The annotations of one video's instances and the problems found
    (``(instance id, message)``: skipped or clipped instances)."""
    perf, view, letter = parse_video_id(video)
    annos, problems = [], []
    seen: Dict[int, int] = {}
    T = kp.shape[1]
    for k, (cls, start, end, conf) in enumerate(labels):
        name = f'{video}_{k + 1:03d}'
        n = seen[cls] = seen.get(cls, 0) + 1
        where = f'{label_path}:{k + 1}' if label_path else name
        if not 1 <= cls <= num_classes:
            problems.append((name, f'{where}: class {cls} outside 1..'
                             f'{num_classes}; skipped'))
            continue
        if start < 0 or start >= min(end, T):
            problems.append((name, f'{where}: frames [{start}, {end}) '
                             f'outside the {T} frames of the video; '
                             'skipped'))
            continue
        if end > T:
            problems.append((name, f'{where}: end {end} > {T} frames; '
                             f'clipped to {T}'))
        seg = kp[:, start:end]
        if not seg.any():
            problems.append((name, f'{where}: all-zero skeletons; '
                             'skipped'))
            continue
        anno = dict(frame_dir=name, label=cls - 1,
                    keypoint=np.ascontiguousarray(seg, dtype=dtype),
                    total_frames=int(seg.shape[1]), video=video,
                    start=int(start), end=int(min(end, T)),
                    confidence=float(conf),
                    performance=f'{perf}_A{cls:02d}_{n}')
        if view is not None:
            anno.update(view=view, camera=view, view_name=letter)
        annos.append(anno)
    return annos, problems


def _convert_video(job):
    video, skel, label, num_classes, dtype = job
    try:
        kp = read_pku_skeleton(skel)
        labels = read_pku_labels(label)
        return ('ok',) + cut_instances(video, kp, labels, num_classes,
                                       label, dtype)
    except (ValueError, OSError) as e:
        return 'error', video, str(e)


def find_pku_folders(root: str) -> Tuple[str, str]:
    """Skeleton and label folders of a release root (first matching
    sub-folder: ``skeleton``/``PKU_Skeleton_Renew``/...,
    ``label``/``Train_Label_PKU_final``/``Label``)."""
    skel = label = None
    for dirpath, dirs, _ in os.walk(root):
        for d in sorted(dirs):
            low = d.lower()
            if skel is None and 'skeleton' in low:
                skel = osp.join(dirpath, d)
            elif label is None and 'label' in low:
                label = osp.join(dirpath, d)
    if skel is None or label is None:
        raise FileNotFoundError(f'{root}: no skeleton/label folders found; '
                                'pass them explicitly')
    return skel, label


def convert_pku_mmd(skeleton_dir: str, label_dir: str,
                    split_files: Dict[str, str], phase: int = 1,
                    dtype: str = 'float32', num_workers: int = 0,
                    strict: bool = False, progress: bool = True
                    ) -> Tuple[dict, List[Tuple[str, str]], dict]:
    """Convert PKU-MMD to the standard annotation dict.

    Args:
        skeleton_dir, label_dir (str): Folders of ``<video>.txt`` files.
        split_files (dict): ``{'xsub': path, 'xview': path}`` (any subset).
        phase (int): 1 (51 classes) or 2 (41 classes).
        dtype (str): ``'float32'`` or ``'float16'``.
        num_workers (int): Worker processes (0: this process).
        strict (bool): Raise on the first bad file or instance.
        progress (bool): Progress bar on stderr.

    Returns:
        tuple: ``(data, problems, stats)``; ``data['split']`` has
        ``{bench}_train`` / ``{bench}_val`` per split file; every instance
        of the listed videos is annotated once.
    """
    import sys
    from multiprocessing import get_context

    if phase not in PKU_NUM_CLASSES:
        raise ValueError(f'phase must be 1 or 2, got {phase}')
    num_classes = PKU_NUM_CLASSES[phase]
    splits = {b: read_pku_split(p) for b, p in split_files.items()}
    videos = sorted({v for s in splits.values() for p in s.values()
                     for v in p})
    if not videos:
        raise ValueError('no videos in the split files')
    jobs, problems = [], []
    for v in videos:
        skel = osp.join(skeleton_dir, v + '.txt')
        label = osp.join(label_dir, v + '.txt')
        missing = [p for p in (skel, label) if not osp.isfile(p)]
        if missing:
            msg = f'listed in the split files but {missing[0]} is missing'
            if strict:
                raise PKUFileError(missing[0], None, msg)
            problems.append((v, msg))
            continue
        jobs.append((v, skel, label, num_classes, dtype))
    bar = None
    if progress:
        from mmengine.utils import ProgressBar
        bar = ProgressBar(len(jobs), file=sys.stderr)
    annos = []

    def consume(results):
        for res in results:
            if res[0] == 'error':
                if strict:
                    raise PKUFileError(res[1], None, res[2])
                problems.append((res[1], res[2]))
            else:
                if strict and res[2]:
                    raise PKUFileError(res[2][0][0], None, res[2][0][1])
                annos.extend(res[1])
                problems.extend(res[2])
            if bar is not None:
                bar.update()

    if num_workers and num_workers > 1 and len(jobs) > 1:
        with get_context('fork').Pool(num_workers) as pool:
            consume(pool.imap(_convert_video, jobs, chunksize=4))
    else:
        consume(map(_convert_video, jobs))
    if bar is not None:
        sys.stderr.write('\n')
    if not annos:
        raise ValueError('no PKU-MMD instance could be converted')
    by_video: Dict[str, List[str]] = {}
    for a in annos:
        by_video.setdefault(a['video'], []).append(a['frame_dir'])
    split = {}
    for bench, parts in splits.items():
        for part, vids in parts.items():
            split[f'{bench}_{part}'] = [n for v in vids
                                        for n in by_video.get(v, [])]
    stats = dict(videos=len(videos), instances=len(annos),
                 problems=len(problems))
    return dict(split=split, annotations=annos), problems, stats


def default_split_files(root: str, phase: int,
                        names: Sequence[str] = ('xsub', 'xview')
                        ) -> Dict[str, str]:
    """The official split files found under ``root`` (searched
    recursively by their release names)."""
    wanted = {PKU_SPLIT_FILES[phase][b]: b for b in names}
    found = {}
    for dirpath, _, files in os.walk(root):
        for fn in files:
            if fn in wanted and wanted[fn] not in found:
                found[wanted[fn]] = osp.join(dirpath, fn)
    return found
