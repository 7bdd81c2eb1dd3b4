"""Parser of the raw NTU RGB+D ``.skeleton`` text files.

File format (text, CRLF line ends)::

    <frame count>
    per frame:  <body count>
      per body: <10 body-info values: bodyID clipedEdges handLeftConfidence
                 handLeftState handRightConfidence handRightState
                 isRestricted leanX leanY trackingState>
                <joint count (25)>
                25 x <x y z depthX depthY colorX colorY orientationW
                      orientationX orientationY orientationZ trackingState>
"""
from typing import Optional

import numpy as np

NUM_JOINTS = 25


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
        with np.errstate(over='ignore'):  # out of float32 range: below
            xyz = vals.reshape(-1, NUM_JOINTS, 3).astype(np.float32)
    else:
        xyz = np.zeros((0, NUM_JOINTS, 3), np.float32)
    if not np.isfinite(xyz).all():
        k, j, c = (int(i) for i in np.argwhere(~np.isfinite(xyz))[0])
        raise SkeletonFileError(
            path, starts[k] + j + 1, f'non-finite joint coordinate '
            f'{"xyz"[c]} of joint {j + 1}: '
            f'{lines[starts[k] + j].strip()[:60]!r}')
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
