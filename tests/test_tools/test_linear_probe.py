"""Linear probe on a pretrained backbone: weights frozen, kNN reported."""
import os.path as osp
import textwrap

import torch
from mmengine.config import Config

from skelbench.registry import RUNNERS

from ..conftest import REPO_ROOT

PROBE = osp.join(REPO_ROOT, 'configs', 'supervised', 'benchmarks',
                 'linear-probe_transformer-l4d128_1xb64-100e_nw-ucla-xview.py')


def test_linear_probe_keeps_backbone_frozen(tmp_path, nw_ucla_root):
    # a "pretrained" checkpoint: a recognizer with the same backbone shape
    # trained for no step, saved as the Runner does
    from skelbench.models import SkeletonTransformer
    pre = SkeletonTransformer(num_joints=20, num_frames=16, embed_dims=32,
                              depth=2, num_heads=4)
    ckpt = tmp_path / 'pretrain.pth'
    torch.save({'state_dict': {f'backbone.{k}': v
                               for k, v in pre.state_dict().items()}}, ckpt)
    cfg_file = tmp_path / 'probe.py'
    cfg_file.write_text(textwrap.dedent(f'''
        _base_ = [{PROBE!r}]
        model = dict(backbone=dict(embed_dims=32, depth=2, num_heads=4,
                                   frozen_stages=2,
                                   init_cfg=dict(checkpoint={str(ckpt)!r})),
                     cls_head=dict(in_channels=32))
        train_dataloader = dict(batch_size=16, dataset=dict(indices=64))
        val_dataloader = dict(dataset=dict(indices=40))
        test_dataloader = dict(dataset=dict(indices=40))
        train_cfg = dict(max_epochs=2, val_interval=2)
    '''))
    cfg = Config.fromfile(str(cfg_file))
    cfg.work_dir = str(tmp_path / 'work')
    for key in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        cfg[key].dataset.data_root = nw_ucla_root
    # the kNN bank follows train_dataloader (64 samples, test pipeline)
    assert cfg.custom_hooks[0] == dict(type='KNNBankHook')
    runner = RUNNERS.build(cfg)
    runner.train()
    model = runner.model
    # backbone equals the checkpoint (temporal embedding interpolated 4->8)
    for k, v in pre.state_dict().items():
        if k == 'temporal_pos_embed':
            assert model.backbone.temporal_pos_embed.shape[1] == 8
            continue
        assert torch.equal(model.backbone.state_dict()[k], v), k
    assert not any(p.requires_grad for p in model.backbone.parameters())
    assert isinstance(model.cls_head.pre_norm, torch.nn.BatchNorm1d)
    assert model.cls_head.pre_norm.affine is False
    assert model.cls_head.pre_norm.num_batches_tracked > 0
    metrics = runner.val_loop.run()
    assert {'acc/top1', 'knn/k1_acc', 'knn/k20_acc'} <= set(metrics)
