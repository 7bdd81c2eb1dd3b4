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


# The protocols each paper reports, by pretraining data (Part A of the
# method reference): tools/benchmark.py must find a config for each.
_LIN = ['linear', 'knn']
_NTU60_MASKED = _LIN + ['finetune', 'semi-1', 'semi-10', 'transfer-pku2']
_NTU120_MASKED = _LIN + ['finetune', 'transfer-pku2']
_MASKED = {'ntu60-xsub': _NTU60_MASKED, 'ntu60-xview': _NTU60_MASKED,
           'ntu120-xsub': _NTU120_MASKED, 'ntu120-xset': _NTU120_MASKED,
           'pku1-xsub': _LIN + ['transfer-pku2'],
           'pku2-xsub': _LIN + ['finetune']}
_BYOL_NTU = _LIN + ['semi-1', 'semi-5', 'semi-10']
_SMAE = _LIN + ['finetune', 'semi-5', 'semi-10']
PAPER_PROTOCOLS = {
    'mamp/mamp_transformer_4xb32-400e': _MASKED,
    'sjepa/sjepa_transformer_8xb32-1200e': _MASKED,
    'nat_contrast/nat-contrast_transformer_4xb32-400e': _MASKED,
    'skeleton_mae/skeleton-mae_sttformer_1xb64-200e': {
        'ntu60-xsub': _SMAE, 'ntu60-xview': _SMAE, 'ntu120-xsub': _SMAE,
        'ntu120-xset': _SMAE},
    'skeleton_byol/skeleton-byol_stgcn_4xb128-1600e': {
        'ntu60-xsub': _BYOL_NTU + ['transfer-pku2'],
        # NTU120: semi-supervised only as x2 / distilled (Table 4)
        'ntu60-xview': _BYOL_NTU, 'ntu120-xsub': _LIN,
        'ntu120-xset': _LIN, 'pku1-xsub': _LIN},
    'skeleton_byol/skeleton-byol_stgcn_4xb128-4800e': {'pku2-xsub': _LIN},
    'isc/isc_bigru-agcn_1xb64-450e': {
        d: _LIN + (['semi-1', 'semi-5', 'semi-10', 'semi-20',
                    'transfer-pku2'] if d.startswith('ntu60') else [])
        for d in ('ntu60-xsub', 'ntu60-xview', 'ntu120-xsub',
                  'ntu120-xset')},
    'isc/isc_bigru-agcn_1xb64-600e': {
        'pku1-xsub': _LIN + ['semi-1', 'semi-10', 'transfer-pku2'],
        'pku2-xsub': _LIN},
}
PAPER_CASES = [(f'{stem}_{data}.py', protocols)
               for stem, by_data in PAPER_PROTOCOLS.items()
               for data, protocols in by_data.items()]


def test_the_paper_table_lists_every_paper_scale_config():
    listed = {p for p, _ in PAPER_CASES}
    found = {osp.relpath(p, CONFIGS) for m in PAPER_METHODS
             for p in glob.glob(osp.join(CONFIGS, m, '*.py'))
             if not osp.basename(p).startswith('_base_') and not any(
                 s in p for s in ('synthetic', 'nw-ucla', '-wo-con',
                                  'isc-intra', 'mae_transformer'))}
    assert listed == found


PAPER_METHODS = ('mamp', 'sjepa', 'nat_contrast', 'skeleton_mae',
                 'skeleton_byol', 'isc')


@pytest.mark.parametrize('pretrain, protocols', PAPER_CASES,
                         ids=[p for p, _ in PAPER_CASES])
def test_every_papers_protocols_resolve(pretrain, protocols, tmp_path):
    """Each protocol a paper reports for a pretraining config finds its
    benchmark config (the linear probe of the same data, the method's
    semi-supervised recipe or its fine-tune config, the PKU-II fine-tune
    config for a transfer), with the pretrained encoder's architecture."""
    from skelbench.engine.protocols import (BenchmarkSettings,
                                            parse_protocols)
    from skelbench.engine.protocols.harness import _Benchmark
    bench = _Benchmark(osp.join(CONFIGS, pretrain), 'unused.pth',
                       str(tmp_path), BenchmarkSettings(), log=print)
    for protocol in parse_protocols(','.join(protocols)):
        path = bench.config_path(protocol)
        assert osp.isfile(path), (protocol.name, path)
        if protocol.kind == 'transfer':
            assert path.endswith('_pku2-xsub.py')
        else:
            assert path.endswith('_' + data_suffix(pretrain) + '.py')


def _semi_config(pretrain, protocol, tmp_path, **benchmarks):
    from skelbench.engine.protocols import BenchmarkSettings, Protocol
    from skelbench.engine.protocols.harness import _Benchmark
    pct = float(protocol.split('-')[1])
    bench = _Benchmark(osp.join(CONFIGS, pretrain), 'unused.pth',
                       str(tmp_path), BenchmarkSettings(benchmarks=benchmarks),
                       log=print)
    return osp.basename(bench.config_path(
        Protocol(protocol, 'semi', fraction=pct / 100)))


@pytest.mark.parametrize('pretrain, protocol, expected', [
    # the method's own semi-supervised recipe, of the encoder's width
    ('skeleton_byol/skeleton-byol_stgcn_4xb128-1600e_ntu60-xsub.py',
     'semi-10', 'semi-10pct_stgcn_1xb8-10e_ntu60-xsub.py'),
    ('skeleton_byol/skeleton-byol_stgcn_4xb128-1600e_ntu60-xview.py',
     'semi-5', 'semi-5pct_stgcn_1xb8-20e_ntu60-xview.py'),
    ('isc/isc_bigru-agcn_1xb64-450e_ntu60-xview.py', 'semi-20',
     'semi-20pct_isc_bigru_1xb64-80e_ntu60-xview.py'),
    ('nat_contrast/nat-contrast_transformer_4xb32-400e_ntu60-xsub.py',
     'semi-1', 'semi-1pct_nat-contrast_transformer_2xb24-100e_ntu60-xsub.py'),
    # no recipe for that fraction: the fine-tune config on the fraction
    ('mamp/mamp_transformer_4xb32-400e_ntu60-xsub.py', 'semi-5',
     'finetune_transformer_2xb24-100e_ntu60-xsub.py'),
    ('sjepa/sjepa_transformer_8xb32-1200e_ntu120-xsub.py', 'semi-10',
     'finetune_transformer_8xb32-300e_ntu120-xsub.py'),
])
def test_semi_takes_the_methods_recipe_else_the_finetune_config(
        pretrain, protocol, expected, tmp_path):
    assert _semi_config(pretrain, protocol, tmp_path) == expected


def test_recipes_for_another_encoder_only_are_named_in_the_error(tmp_path):
    """BYOL's NTU120 semi recipes are for the x2 encoder; the x1
    pretraining has no fine-tune config either: the error says both."""
    with pytest.raises(FileNotFoundError,
                       match=r'(?s)semi-1: no semi-1pct config.*x2.*'
                       r'no finetune benchmark config'):
        _semi_config(
            'skeleton_byol/skeleton-byol_stgcn_4xb128-1600e_ntu120-xset.py',
            'semi-1', tmp_path)


def test_a_named_semi_config_wins_and_is_checked(tmp_path):
    mine = tmp_path / 'my_semi.py'
    mine.write_text('x = 1\n')
    pretrain = 'skeleton_byol/skeleton-byol_stgcn_4xb128-1600e_ntu60-xsub.py'
    assert _semi_config(pretrain, 'semi-10', tmp_path,
                        **{'semi-10': str(mine)}) == 'my_semi.py'
    with pytest.raises(FileNotFoundError, match='semi-10='):
        _semi_config(pretrain, 'semi-10', tmp_path,
                     **{'semi-10': str(tmp_path / 'none.py')})
