"""Tiny inputs and per-sample masking fields for algorithm tests."""
import numpy as np
import torch

from skelbench.datasets.transforms.masking import MotionAwareMasking
from skelbench.datasets.transforms.targets import (nat_norm, patchify,
                                                   segment_norm)
from skelbench.structures import SkeletonDataSample

N, M, T, V, C, L_SEG = 3, 2, 8, 5, 3, 4
D = 16


def tiny_transformer(**kw):
    cfg = dict(type='SkeletonTransformer', num_joints=V, num_frames=T,
               segment_len=L_SEG, embed_dims=D, depth=2, num_heads=2)
    cfg.update(kw)
    return cfg


def tiny_decoder(out_channels=L_SEG * C, depth=1):
    return dict(type='MaskTokenDecoder', in_channels=D, embed_dims=D,
                depth=depth, num_heads=2, num_joints=V, num_frames=T,
                segment_len=L_SEG, out_channels=out_channels)


def make_batch(seed=0, target=('motion', 'segment')):
    """``x (N, M, T, V, C)`` and data samples with MAMP masks/targets."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, M, T, V, C)).astype(np.float32)
    mask_t = MotionAwareMasking(mask_ratio=0.6, tau=0.8, segment_len=L_SEG)
    samples = []
    for i in range(N):
        res = mask_t(dict(keypoint=x[i], rng=np.random.default_rng(i)))
        kp = x[i]
        if target[0] == 'motion':
            kp = np.concatenate([kp[:, 1:] - kp[:, :-1],
                                 np.zeros_like(kp[:, :1])], axis=1)
        patch = patchify(kp, L_SEG)
        if target[1] == 'segment':
            patch = segment_norm(patch)
        elif target[1] == 'nat':
            patch = nat_norm(patch, C)
        ds = SkeletonDataSample()
        for key in ('ids_keep', 'ids_masked', 'ids_restore', 'mask'):
            ds.set_field(torch.from_numpy(res[key]), key)
        ds.set_field(torch.from_numpy(patch.astype(np.float32)), 'target')
        ds.set_gt_label(i % 2)
        samples.append(ds)
    return torch.from_numpy(x), samples


def stack(samples, key):
    return torch.cat([s.get(key) for s in samples])
