"""A third-party module registered via ``custom_imports`` trains without
any change to skelbench; docs/plugins.md's new-method example is a
pretraining config of bases plus a model."""
import os.path as osp
import re
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


PLUGINS_DOC = osp.join(REPO_ROOT, 'docs', 'plugins.md')


def _doc_block(first_line: str) -> str:
    """The python block of docs/plugins.md that starts with ``first_line``.
    """
    with open(PLUGINS_DOC, encoding='utf-8') as f:
        blocks = re.findall(r'```python\n(.*?)```', f.read(), re.S)
    for block in blocks:
        if block.startswith(first_line):
            return block
    raise AssertionError(f'docs/plugins.md has no block {first_line!r}')


def test_new_method_plugin_pretrains_with_the_ntu60_bases(
        tmp_path, monkeypatch):
    """The documented plugin algorithm and its NTU60 X-Sub config (shared
    bases + the model), laid out as the docs say (skelbench's checkout
    beside the project), build and train one iteration; the NTU file is
    replaced by synthetic data of the same nturgb+d layout."""
    project = tmp_path / 'my_project'
    (project / 'configs').mkdir(parents=True)
    (tmp_path / 'skelbench').symlink_to(REPO_ROOT, target_is_directory=True)
    (project / 'mean_pose.py').write_text(
        _doc_block('# my_project/mean_pose.py'))
    name = 'mean-pose_transformer_4xb32-400e_ntu60-xsub.py'
    cfg_file = project / 'configs' / name
    cfg_file.write_text(_doc_block(f'# my_project/configs/{name}'))
    monkeypatch.syspath_prepend(str(project))

    cfg = Config.fromfile(str(cfg_file))
    assert cfg.model.type == 'MeanPoseAutoencoder'
    dataset = cfg.train_dataloader.dataset
    assert (dataset.ann_file, dataset.split, dataset.num_classes) == (
        'data/ntu60/ntu60_3danno.pkl', 'xsub_train', 60)
    assert cfg.get('val_dataloader') is None
    cfg.train_dataloader.dataset = dict(
        type='SyntheticSkeletonDataset', split='xsub_train',
        generator=dict(seed=0), pipeline=dataset.pipeline, indices=4)
    cfg.train_dataloader.update(batch_size=2, num_workers=0)
    cfg.train_cfg = dict(type='IterBasedTrainLoop', max_iters=1)
    cfg.param_scheduler = []
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook',
                                        interval=1000)
    cfg.default_hooks.logger = dict(type='LoggerHook', interval=1)
    cfg.work_dir = str(tmp_path / 'work')
    cfg.log_level = 'WARNING'
    runner = RUNNERS.build(cfg)
    assert type(runner.model).__name__ == 'MeanPoseAutoencoder'
    runner.train()
    scalars = runner.message_hub.log_scalars
    assert 'train/loss' in scalars and 'train/feat_std' in scalars
