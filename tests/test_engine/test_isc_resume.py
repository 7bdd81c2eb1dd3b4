"""A resumed ISC run restores its queues, pointers and momentum (key)
encoders exactly: 1 epoch + resume to 2 equals 2 uninterrupted epochs."""
import glob
import json
import os.path as osp

import torch
from mmengine.config import Config

from skelbench.registry import RUNNERS

from ..conftest import REPO_ROOT

CONFIG = osp.join(REPO_ROOT, 'configs', 'isc',
                  'isc_bigru-hcn-tiny_1xb32-20e_synthetic-xsub.py')


def _cfg(work_dir, max_epochs, resume=False):
    cfg = Config.fromfile(CONFIG)
    cfg.merge_from_dict({
        'model.backbone.hidden_size': 8, 'model.backbone.num_layers': 1,
        'model.neck.in_channels': 16, 'model.neck.hid_channels': 16,
        'model.cross_representation.backbone.out_channels': 8,
        'model.cross_representation.neck.in_channels': 128,
        'model.cross_representation.neck.hid_channels': 16,
        'model.queue_len': 12,
        'train_dataloader.batch_size': 4,
        'train_dataloader.dataset.indices': 16,
        'train_cfg.max_epochs': max_epochs, 'log_level': 'WARNING'})
    for key in ('val_dataloader', 'val_cfg', 'val_evaluator',
                'test_dataloader', 'test_cfg', 'test_evaluator'):
        cfg[key] = None
    cfg.custom_hooks = [h for h in cfg.custom_hooks
                        if h['type'] != 'KNNBankHook']
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook', interval=1)
    cfg.default_hooks.logger = dict(type='LoggerHook', interval=1)
    cfg.work_dir = str(work_dir)
    cfg.resume = resume
    return cfg


def test_resume_restores_queues_and_key_encoders(tmp_path):
    full = RUNNERS.build(_cfg(tmp_path / 'full', 2))
    full.train()
    RUNNERS.build(_cfg(tmp_path / 'cut', 1)).train()
    resumed = RUNNERS.build(_cfg(tmp_path / 'cut', 2, resume=True))
    resumed.train()
    # the second run of 'cut' resumed: it logged the steps of epoch 2 only
    runs = sorted(glob.glob(str(tmp_path / 'cut' / '*' / 'vis_data' /
                                'scalars.json')))
    assert len(runs) == 2
    steps = [json.loads(line)['step'] for line in open(runs[-1])]
    assert steps and min(steps) == 5
    a, b = full.model.state_dict(), resumed.model.state_dict()
    assert set(a) == set(b)
    keys = [k for k in a if k.split('.')[0] in (
        'queue', 'cross_queue', 'momentum_backbone', 'momentum_neck',
        'momentum_cross_backbone', 'momentum_cross_neck')]
    assert {'queue.queue', 'queue.ptr', 'cross_queue.queue',
            'cross_queue.ptr', 'momentum_backbone.steps'} <= set(keys)
    # 2 epochs x 4 steps of 4: 32 keys through a queue of 12
    assert int(a['queue.ptr']) == 32 % 12
    assert int(a['momentum_cross_neck.steps']) == 8
    for k in a:
        assert torch.equal(a[k], b[k]), k
