"""Draw a skeleton before/after each spatial transform (matplotlib).

    python tools/visualization/draw_transforms.py \
        [--data-root ../shared/data/nw-ucla] [--out docs/_static/transforms]

Uses the first NW-UCLA sequence (20 joints) when ``--data-root`` holds the
release, else a synthetic 25-joint skeleton; writes one PNG per transform
(front x-y view of the middle frame, grey = before, colour = after, left
side blue, right side red).
"""
import argparse
import glob
import os
import os.path as osp

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from skelbench.layouts import get_layout  # noqa: E402
from skelbench.registry import TRANSFORMS  # noqa: E402
from skelbench.utils import register_all_modules  # noqa: E402

SPATIAL = {
    'RandomEulerRotation': dict(theta=0.3),
    'RandomBodyAxisRotation': dict(max_angle=np.pi / 3),
    'RandomShear': dict(shear=0.5),
    'RandomFlip': dict(p=1.0),
    'RandomTranslation': dict(max_offset=0.3),
    'RandomScale': dict(scale_range=(0.7, 0.7)),
    'RandomSideDrop': dict(p=1.0),
    'RandomJointJitter': dict(num_joints=8, zero_prob=0.0),
    'GaussianNoise': dict(std=0.03),
    'SavitzkyGolayFilter': dict(p=1.0),
    'RandomOrthographicProjection': dict(theta=0.0, axes=(0, )),
}


def load_sample(data_root):
    files = sorted(glob.glob(osp.join(data_root or '', 'all_sqe', '*.json')))
    if files:
        from skelbench.datasets.sources.nw_ucla import read_nw_ucla_file
        return read_nw_ucla_file(files[0])['keypoint'], 'nw-ucla'
    rng = np.random.default_rng(0)
    kp = rng.normal(scale=0.3, size=(1, 30, 25, 3)).astype(np.float32)
    return kp, 'nturgb+d'


def draw(ax, frame, layout, colour):
    for v, p in layout.bone_pairs:
        if frame[v].any() and frame[p].any():
            c = colour
            if colour != 'lightgrey':
                c = ('tab:blue' if v in layout.left_side else 'tab:red'
                     if v in layout.right_side else 'k')
            ax.plot(frame[[v, p], 0], frame[[v, p], 1], '-o', color=c,
                    ms=2, lw=1.5 if colour != 'lightgrey' else 3)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--data-root', default=osp.join(
        osp.dirname(__file__), '..', '..', '..', 'shared', 'data',
        'nw-ucla'))
    parser.add_argument('--out', default='docs/_static/transforms')
    parser.add_argument('--seed', type=int, default=1)
    args = parser.parse_args()
    register_all_modules()
    kp, layout_name = load_sample(args.data_root)
    layout = get_layout(layout_name)
    kp = kp - kp[:1, :1, layout.origin:layout.origin + 1]  # centre
    os.makedirs(args.out, exist_ok=True)
    mid = kp.shape[1] // 2
    for name, kwargs in SPATIAL.items():
        t = TRANSFORMS.build(dict(type=name, **kwargs))
        res = t(dict(keypoint=kp.copy(), total_frames=kp.shape[1],
                     layout=layout_name,
                     rng=np.random.default_rng(args.seed)))
        fig, ax = plt.subplots(figsize=(3.2, 3.6))
        draw(ax, kp[0, mid], layout, 'lightgrey')
        draw(ax, res['keypoint'][0, mid], layout, 'colour')
        ax.set_title(name, fontsize=9)
        ax.set_aspect('equal')
        ax.axis('off')
        fig.tight_layout()
        path = osp.join(args.out, f'{name}.png')
        fig.savefig(path, dpi=80)
        plt.close(fig)
        print(path)


if __name__ == '__main__':
    main()
