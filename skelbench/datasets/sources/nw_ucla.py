"""Reader of the NW-UCLA ``all_sqe`` JSON release.

Each ``aAA_sSS_eEE_vVV.json`` holds ``{"file_name", "skeletons": [T][20][3],
"label": 1..10}``. The standard protocol trains on views 1-2 and tests on
view 3 (1,020 / 464 sequences, 10 classes).
"""
import glob
import json
import os.path as osp
import re
from typing import Dict, List, Tuple

import numpy as np

NAME_RE = re.compile(r'^a(\d+)_s(\d+)_e(\d+)_v(\d+)$')
NW_UCLA_CLASSES = ('pick up with one hand', 'pick up with two hands',
                   'drop trash', 'walk around', 'sit down', 'stand up',
                   'donning', 'doffing', 'throw', 'carry')


def read_nw_ucla_file(path: str) -> dict:
    """Read one NW-UCLA JSON file into a standard annotation dict.

    Returns:
        dict: ``frame_dir``, ``label`` (0-based), ``keypoint`` float32
        ``(1, T, 20, 3)``, ``total_frames``, ``subject``, ``view``,
        ``camera`` (= view), ``replication`` (episode), ``performance``
        (``'aAA_sSS_eEE'``: the same for the views of one performance).

    Raises:
        ValueError: naming the file if it is not valid.
    """
    stem = osp.splitext(osp.basename(path))[0]
    m = NAME_RE.match(stem)
    if m is None:
        raise ValueError(f'{path}: file name does not match '
                         'aAA_sSS_eEE_vVV.json')
    action, subject, episode, view = (int(g) for g in m.groups())
    try:
        with open(path) as f:
            raw = json.load(f)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ValueError(f'{path}: not valid JSON ({e})') from e
    if not isinstance(raw, dict):
        raise ValueError(f'{path}: expected a JSON object, got '
                         f'{type(raw).__name__}')
    for key in ('skeletons', 'label'):
        if key not in raw:
            raise ValueError(f'{path}: missing field {key!r}')
    try:
        kp = np.asarray(raw['skeletons'], dtype=np.float32)
    except (ValueError, TypeError) as e:
        raise ValueError(f'{path}: skeletons are not a [T][20][3] array '
                         f'({e})') from e
    if kp.ndim != 3 or kp.shape[1:] != (20, 3) or kp.shape[0] < 1:
        raise ValueError(f'{path}: skeletons must have shape (T, 20, 3), '
                         f'got {kp.shape}')
    if not np.isfinite(kp).all():
        raise ValueError(f'{path}: skeletons contain non-finite values')
    try:
        label = int(raw['label']) - 1
    except (TypeError, ValueError):
        raise ValueError(f'{path}: label {raw["label"]!r} is not an '
                         'integer') from None
    if not 0 <= label < len(NW_UCLA_CLASSES):
        raise ValueError(f'{path}: label {raw["label"]} outside 1..10')
    return dict(frame_dir=stem, label=label, keypoint=kp[None],
                total_frames=int(kp.shape[0]), subject=subject, view=view,
                camera=view, replication=episode, action=action,
                performance=f'a{action:02d}_s{subject:02d}_e{episode:02d}')


def convert_nw_ucla(root: str, strict: bool = False
                    ) -> Tuple[dict, List[Tuple[str, str]], dict]:
    """Convert the whole release to the standard annotation dict.

    Args:
        root (str): The ``all_sqe`` folder, or its parent.
        strict (bool): Raise on the first bad file instead of skipping it.

    Returns:
        tuple: ``(data, errors, stats)``: ``{'split': {'xview_train': [...],
        'xview_val': [...]}, 'annotations': [...]}`` sorted by file name
        (train = views 1-2, val = view 3), the ``(file name, message)`` of
        the skipped bad files, and counts (``found``, ``converted``,
        ``errors``).

    Raises:
        FileNotFoundError: If ``root`` holds no ``.json`` file.
        ValueError: With ``strict=True``, for the first bad file (naming
            it); always, if no file could be converted.
    """
    if osp.isdir(osp.join(root, 'all_sqe')):
        root = osp.join(root, 'all_sqe')
    if not osp.isdir(root):
        raise FileNotFoundError(f'NW-UCLA folder {root} not found')
    files = sorted(glob.glob(osp.join(root, '*.json')))
    if not files:
        raise FileNotFoundError(f'no NW-UCLA .json files in {root}')
    annos, errors = [], []
    for path in files:
        try:
            annos.append(read_nw_ucla_file(path))
        except (ValueError, OSError) as e:
            if strict:
                raise
            errors.append((osp.basename(path), str(e)))
    if not annos:
        raise ValueError(f'none of the {len(files)} NW-UCLA files in {root} '
                         f'could be converted; first error: {errors[0][1]}')
    split = dict(
        xview_train=[a['frame_dir'] for a in annos if a['view'] in (1, 2)],
        xview_val=[a['frame_dir'] for a in annos if a['view'] == 3])
    stats = dict(found=len(files), converted=len(annos), errors=len(errors))
    return dict(split=split, annotations=annos), errors, stats


def load_nw_ucla(root: str) -> Dict:
    """Read the whole release into the standard annotation dict; the
    first bad file raises (:func:`convert_nw_ucla` with ``strict=True``).

    Args:
        root (str): The ``all_sqe`` folder, or its parent.

    Returns:
        dict: ``{'split': {'xview_train': [...], 'xview_val': [...]},
        'annotations': [...]}`` sorted by file name; train = views 1-2,
        val = view 3.
    """
    return convert_nw_ucla(root, strict=True)[0]
