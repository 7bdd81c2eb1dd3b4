"""A third-party module registered via ``custom_imports`` trains without
any change to skelbench."""
import os.path as osp
import sys
import textwrap

from mmengine.config import Config

from skelbench.registry import RUNNERS

from ..conftest import REPO_ROOT

PLUGIN = textwrap.dedent('''
    import torch
    from torch import nn

    from skelbench.layouts import SkeletonLayout
    from skelbench.models.backbones import BaseBackbone
    from skelbench.registry import LAYOUTS, MODELS


    @MODELS.register_module()
    class PluginMLPBackbone(BaseBackbone):
        """(N, M, T, V, C) -> (N, M, 1, 1, D): a per-frame MLP, max over T."""

        def __init__(self, num_joints, in_channels=3, embed_dims=16,
                     **kwargs):
            super().__init__(**kwargs)
            self.mlp = nn.Sequential(nn.Linear(num_joints * in_channels,
                                               embed_dims), nn.ReLU())

        def forward(self, x):
            N, M, T, V, C = x.shape
            h = self.mlp(x.reshape(N, M, T, V * C)).amax(dim=2)
            return h[:, :, None, None]


    @LAYOUTS.register_module(name='plugin-ucla')
    class PluginLayout(SkeletonLayout):
        def __init__(self):
            from skelbench.layouts import get_layout
            base = get_layout('nw-ucla').to_dict()
            base.pop('type')
            base['name'] = 'plugin-ucla'
            super().__init__(**base)
''')


def test_custom_imports_plugin_trains(tmp_path, nw_ucla_root, monkeypatch):
    plugin_dir = tmp_path / 'ext'
    plugin_dir.mkdir()
    (plugin_dir / 'my_skel_plugin.py').write_text(PLUGIN)
    monkeypatch.syspath_prepend(str(plugin_dir))
    base = osp.join(REPO_ROOT, 'tests', 'data', 'configs',
                    'tiny_supervised_nw_ucla.py')
    cfg_file = tmp_path / 'plugin_cfg.py'
    cfg_file.write_text(textwrap.dedent(f'''
        _base_ = [{base!r}]
        custom_imports = dict(imports=['my_skel_plugin'],
                              allow_failed_imports=False)
        model = dict(backbone=dict(_delete_=True, type='PluginMLPBackbone',
                                   num_joints=20, embed_dims=32))
        train_dataloader = dict(dataset=dict(layout='plugin-ucla'))
        train_cfg = dict(max_epochs=1)
    '''))
    cfg = Config.fromfile(str(cfg_file))
    assert 'my_skel_plugin' in sys.modules
    cfg.work_dir = str(tmp_path / 'work')
    cfg.train_dataloader.dataset.data_root = nw_ucla_root
    cfg.val_dataloader.dataset.data_root = nw_ucla_root
    cfg.test_dataloader.dataset.data_root = nw_ucla_root
    runner = RUNNERS.build(cfg)
    assert type(runner.model.backbone).__name__ == 'PluginMLPBackbone'
    assert runner.train_dataloader.dataset.layout.name == 'plugin-ucla'
    runner.train()
    assert osp.exists(osp.join(cfg.work_dir, 'epoch_1.pth'))
    metrics = runner.test()
    assert 0 <= metrics['acc/top1'] <= 100
