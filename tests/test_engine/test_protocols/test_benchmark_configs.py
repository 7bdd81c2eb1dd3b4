"""Which benchmark config a protocol runs for a pretraining config."""
import glob
import os.path as osp

import pytest
from mmengine.config import Config

from skelbench.engine.protocols import (JointLayoutError, data_suffix,
                                        encoder_mismatches,
                                        find_benchmark_config)
from skelbench.utils import register_all_modules

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.dirname(
    osp.abspath(__file__)))))
CONFIGS = osp.join(ROOT, 'configs')
SJEPA_SYN = osp.join(CONFIGS, 'sjepa',
                     'sjepa_transformer-l4d128_1xb32-30e_synthetic-xsub.py')
SJEPA_UCLA = osp.join(CONFIGS, 'sjepa',
                      'sjepa_transformer-l4d128_1xb64-100e_nw-ucla-xview.py')
MAMP_NTU = osp.join(CONFIGS, 'mamp',
                    'mamp_transformer_4xb32-400e_ntu60-xsub.py')

register_all_modules()


def test_data_suffix():
    assert data_suffix(MAMP_NTU) == 'ntu60-xsub'
    with pytest.raises(ValueError, match='suffix'):
        data_suffix('configs/nosuffix.py')


@pytest.mark.parametrize('pretrain, kind, expected', [
    (SJEPA_SYN, 'linear-probe',
     'linear-probe_sjepa_transformer-l4d128_1xb64-100e_synthetic-xsub.py'),
    (SJEPA_SYN, 'finetune',
     'finetune_sjepa_transformer-l4d128_1xb48-30e_synthetic-xsub.py'),
    (SJEPA_UCLA, 'finetune',
     'finetune_sjepa_transformer-l4d128_1xb48-50e_nw-ucla-xview.py'),
    (MAMP_NTU, 'finetune', 'finetune_transformer_2xb24-100e_ntu60-xsub.py'),
    # a distillation config is matched by its teacher's encoder
    (SJEPA_SYN, 'distill',
     'distill_sjepa_transformer-l4d128-to-l2d64_1xb48-30e_synthetic-xsub.py'),
    (SJEPA_UCLA, 'distill',
     'distill_sjepa_transformer-l4d128-to-l2d64_1xb48-50e_nw-ucla-xview.py'),
])
def test_the_rule_finds_one_config(pretrain, kind, expected):
    found = find_benchmark_config(pretrain, kind)
    assert osp.basename(found) == expected
    assert osp.dirname(found) == osp.join(osp.dirname(pretrain),
                                          'benchmarks')


def test_transfer_takes_the_target_datasets_config():
    found = find_benchmark_config(MAMP_NTU, 'finetune', data='pku2')
    assert osp.basename(found) == \
        'finetune_transformer_2xb24-100e_pku2-xsub.py'
    cfg = Config.fromfile(found)
    # PKU-MMD II: another class count than the pretraining data's
    assert cfg.model.cls_head.num_classes == 41


@pytest.mark.parametrize('pretrain', [
    'mamp/mamp_transformer_4xb32-400e_ntu60-xsub.py',
    'sjepa/sjepa_transformer_8xb32-1200e_ntu60-xsub.py',
    'nat_contrast/nat-contrast_transformer_4xb32-400e_ntu60-xsub.py',
    'skeleton_byol/skeleton-byol_stgcn_4xb128-1600e_ntu60-xsub.py',
    'skeleton_byol/skeleton-byol_stgcn_4xb128-1600e_pku1-xsub.py',
    'isc/isc_bigru-agcn_1xb64-450e_ntu60-xsub.py',
    'isc/isc_bigru-agcn_1xb64-600e_pku1-xsub.py',
])
def test_every_papers_transfer_to_pku2_resolves(pretrain):
    """``--protocols transfer-pku2`` of the papers that report it (NTU60 /
    PKU-MMD I -> PKU-MMD II) finds one fine-tune config of the target
    data, 41 classes, that takes the pretrained encoder."""
    path = osp.join(CONFIGS, pretrain)
    found = find_benchmark_config(path, 'finetune', data='pku2')
    assert found.endswith('_pku2-xsub.py')
    cfg = Config.fromfile(found)
    assert cfg.model.cls_head.num_classes == 41
    assert cfg.model.backbone.init_cfg.type == 'Pretrained'
    assert not encoder_mismatches(Config.fromfile(path), cfg)


def test_overrides_win_and_are_checked(tmp_path):
    other = osp.join(CONFIGS, 'mamp', 'benchmarks',
                     'finetune_mamp_transformer-l4d128_1xb48-30e_'
                     'synthetic-xsub.py')
    assert find_benchmark_config(SJEPA_SYN, 'finetune',
                                 overrides={'finetune': other}) == other
    assert find_benchmark_config(
        MAMP_NTU, 'finetune', data='pku2',
        overrides={'transfer-pku2': other}) == other
    with pytest.raises(FileNotFoundError, match='no such file'):
        find_benchmark_config(SJEPA_SYN, 'finetune',
                              overrides={'finetune': str(tmp_path / 'x.py')})


def test_no_config_for_the_data(tmp_path):
    cfg = tmp_path / 'sjepa_transformer_1xb1-1e_nowhere-xsub.py'
    cfg.write_text(f"_base_ = [{SJEPA_SYN!r}]\n")
    with pytest.raises(FileNotFoundError, match='nothing matches'):
        find_benchmark_config(str(cfg), 'finetune')


def test_encoder_of_another_size_is_not_taken(tmp_path):
    """A pretraining config whose encoder is wider than every candidate
    benchmark config's: refused, naming the differing weights."""
    (tmp_path / 'benchmarks').mkdir()
    bench = osp.join(CONFIGS, 'sjepa', 'benchmarks',
                     'finetune_sjepa_transformer-l4d128_1xb48-30e_'
                     'synthetic-xsub.py')
    (tmp_path / 'benchmarks' / 'finetune_x_synthetic-xsub.py').write_text(
        f'_base_ = [{bench!r}]\n')
    cfg = tmp_path / 'wide_transformer_1xb1-1e_synthetic-xsub.py'
    cfg.write_text(f"_base_ = [{SJEPA_SYN!r}]\n"
                   'model = dict(backbone=dict(embed_dims=64))\n')
    with pytest.raises(ValueError, match='has the encoder of'):
        find_benchmark_config(str(cfg), 'finetune')


def test_several_fitting_configs_are_named(tmp_path):
    (tmp_path / 'benchmarks').mkdir()
    bench = osp.join(CONFIGS, 'sjepa', 'benchmarks',
                     'finetune_sjepa_transformer-l4d128_1xb48-30e_'
                     'synthetic-xsub.py')
    for name in ('a', 'b'):
        (tmp_path / 'benchmarks' / f'finetune_{name}_synthetic-xsub.py'
         ).write_text(f'_base_ = [{bench!r}]\n')
    cfg = tmp_path / 'p_transformer_1xb1-1e_synthetic-xsub.py'
    cfg.write_text(f"_base_ = [{SJEPA_SYN!r}]\n")
    with pytest.raises(ValueError, match='several finetune configs'):
        find_benchmark_config(str(cfg), 'finetune')


def test_other_joint_layout_is_a_clear_error():
    """NW-UCLA (20 joints) fine-tuning of a synthetic (25 joints) encoder:
    no silent partial load."""
    bench = Config.fromfile(osp.join(
        CONFIGS, 'sjepa', 'benchmarks',
        'finetune_sjepa_transformer-l4d128_1xb48-50e_nw-ucla-xview.py'))
    with pytest.raises(JointLayoutError, match='20 joints.*25'):
        encoder_mismatches(Config.fromfile(SJEPA_SYN), bench)


SMALL_PRETRAIN = sorted(
    p for m in ('mamp', 'sjepa', 'nat_contrast', 'skeleton_mae', 'isc',
                'skeleton_byol')
    for p in glob.glob(osp.join(CONFIGS, m, '*.py'))
    if not osp.basename(p).startswith('_base_') and (
        'synthetic' in p or 'nw-ucla' in p))


@pytest.mark.parametrize('pretrain', SMALL_PRETRAIN,
                         ids=lambda p: osp.basename(p))
@pytest.mark.parametrize('kind', ['linear-probe', 'finetune'])
def test_every_small_pretraining_config_has_its_protocol_configs(pretrain,
                                                                 kind):
    """The harness's linear / kNN and finetune / semi-P protocols run for
    every synthetic and NW-UCLA pretraining config of every method: the
    rule finds exactly one config of the same data taking its encoder."""
    found = find_benchmark_config(pretrain, kind)
    assert osp.basename(found).startswith(kind + '_')
    named = Config.fromfile(pretrain).get('benchmarks') or {}
    if kind in named:  # e.g. pretraining on an unlabelled pool
        assert found == osp.join(osp.dirname(pretrain), named[kind])
    else:
        assert found.endswith('_' + data_suffix(pretrain) + '.py')
