import pytest
import torch

from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample


def build(**kw):
    cfg = dict(type='SkeletonRecognizer',
               backbone=dict(type='SkeletonTransformer', num_joints=20,
                             num_frames=16, embed_dims=32, depth=1,
                             num_heads=4),
               cls_head=dict(type='ClsHead', num_classes=5, in_channels=32))
    cfg.update(kw)
    return MODELS.build(cfg)


def batch(n=3, M=2, frame_dirs=None):
    inputs = [torch.randn(M, 16, 20, 3) for _ in range(n)]
    samples = [SkeletonDataSample(metainfo=dict(
        frame_dir=(frame_dirs or [f's{i}' for i in range(n)])[i]))
        .set_gt_label(i % 5) for i in range(n)]
    return dict(inputs=inputs, data_samples=samples)


def test_modes():
    model = build()
    data = model.data_preprocessor(batch(), training=True)
    assert data['inputs'].shape == (3, 2, 16, 20, 3)
    losses = model(**data, mode='loss')
    assert losses['loss_cls'].requires_grad
    preds = model(**data, mode='predict')
    assert preds[0].pred_score.shape == (5, )
    assert abs(float(preds[0].pred_score.detach().sum()) - 1) < 1e-5
    assert model(data['inputs'], mode='tensor').shape == (3, 5)
    with pytest.raises(ValueError, match='mode'):
        model(data['inputs'], mode='bad')


def test_persons_are_pooled_and_valid_mean_ignores_padding():
    model = build(neck=dict(type='SkeletonGlobalPool',
                            person_pool='valid_mean')).eval()
    x = torch.randn(1, 1, 16, 20, 3)
    padded = torch.cat([x, torch.zeros_like(x)], dim=1)
    torch.testing.assert_close(model.extract_feat(x),
                               model.extract_feat(padded))
    mean_model = build().eval()
    assert mean_model.extract_feat(padded).shape == (1, 32)


def test_preprocessor_errors_name_samples():
    model = build()
    data = batch(frame_dirs=['a01_s01', 'bad_one', 'a02_s01'])
    data['inputs'][1][0, 3, 4, 1] = float('nan')
    with pytest.raises(ValueError, match="bad_one"):
        model.data_preprocessor(data)
    data = batch()
    data['inputs'][2] = torch.randn(2, 12, 20, 3)
    with pytest.raises(ValueError, match='different shapes'):
        model.data_preprocessor(data)
    data = batch()
    data['inputs'] = [t[0] for t in data['inputs']]
    with pytest.raises(ValueError, match='\\(M, T, V, C\\)'):
        model.data_preprocessor(data)


def test_label_out_of_range_in_loss():
    model = build()
    data = model.data_preprocessor(batch())
    data['data_samples'][0].set_gt_label(9)
    with pytest.raises(ValueError, match='labels must be in \\[0, 5\\)'):
        model(**data, mode='loss')


def test_build_without_register_all_modules_in_fresh_process():
    """Components build outside a Runner with no scope set."""
    import subprocess
    import sys
    code = (
        'from skelbench.registry import MODELS, DATASETS, TRANSFORMS\n'
        "m = MODELS.build(dict(type='SkeletonRecognizer', backbone=dict("
        "type='SkeletonTransformer', num_frames=8, embed_dims=16, depth=1,"
        " num_heads=2), cls_head=dict(type='ClsHead', num_classes=3,"
        " in_channels=16)))\n"
        "t = TRANSFORMS.build(dict(type='TemporalCropResize', clip_len=8))\n"
        "o = MODELS.build(dict(type='AdamW', params=m.parameters()))"
        " if False else None\n"
        'print(type(m).__name__, type(t).__name__)\n')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert 'SkeletonRecognizer TemporalCropResize' in out.stdout


def test_preprocessor_multi_view_both_layouts():
    from mmengine.dataset import pseudo_collate

    from skelbench.models import SkeletonDataPreprocessor
    pre = SkeletonDataPreprocessor()
    samples = [dict(inputs=[torch.full((1, 4, 20, 3), float(i)),
                            torch.full((1, 4, 20, 3), 10. + i)],
                    data_samples=SkeletonDataSample()) for i in range(3)]
    collated = pseudo_collate(samples)  # view-major
    out = pre(collated)['inputs']
    assert len(out) == 2 and out[0].shape == (3, 1, 4, 20, 3)
    assert out[0][:, 0, 0, 0, 0].tolist() == [0., 1., 2.]
    assert out[1][:, 0, 0, 0, 0].tolist() == [10., 11., 12.]
    manual = dict(inputs=[s['inputs'] for s in samples],  # sample-major
                  data_samples=[s['data_samples'] for s in samples])
    out2 = pre(manual)['inputs']
    assert all(torch.equal(a, b) for a, b in zip(out, out2))
