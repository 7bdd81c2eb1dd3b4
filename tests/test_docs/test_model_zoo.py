"""The model zoo: ``model-index.yml``, the ``configs/*/metafile.yml`` files
and the generated ``docs/model_zoo.md`` agree with each other and with the
configs on disk."""
import glob
import importlib.util
import os.path as osp

import pytest
import yaml

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def _generator():
    path = osp.join(ROOT, '.dev_scripts', 'gen_model_zoo.py')
    spec = importlib.util.spec_from_file_location('gen_model_zoo', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _generator()
METAFILES = sorted(glob.glob(osp.join(ROOT, 'configs', '*', 'metafile.yml')))


def _rel(path):
    return osp.relpath(path, ROOT).replace(osp.sep, '/')


def _method_configs(method_dir):
    """Runnable configs of a method folder: every ``.py`` below it except
    private bases (``_*.py``) and ``_base_`` folders."""
    found = []
    for path in glob.glob(osp.join(method_dir, '**', '*.py'), recursive=True):
        rel = _rel(path)
        if '/_base_/' in rel or osp.basename(path).startswith('_'):
            continue
        found.append(rel)
    return sorted(found)


def test_every_metafile_is_in_the_model_index():
    index = yaml.safe_load(open(osp.join(ROOT, 'model-index.yml')))
    assert sorted(index['Import']) == sorted(_rel(p) for p in METAFILES)


@pytest.mark.parametrize('metafile', METAFILES, ids=_rel)
def test_metafile_parses_and_points_at_existing_files(metafile):
    meta = gen.load_metafile(metafile)
    for coll in meta['Collections']:
        assert osp.isfile(osp.join(ROOT, coll['README'])), coll['README']
        assert osp.exists(osp.join(ROOT, coll['Code']['URL'])), \
            coll['Code']['URL']
    for model in meta['Models']:
        config = model['Config']
        assert osp.isfile(osp.join(ROOT, config)), \
            f'{_rel(metafile)}: model {model["Name"]!r}: no config {config}'
        # the model's name is its config's file name (mmpretrain convention)
        assert osp.splitext(osp.basename(config))[0] == model['Name']
        assert config.startswith(_rel(osp.dirname(metafile)) + '/')


@pytest.mark.parametrize('metafile', METAFILES, ids=_rel)
def test_every_config_of_the_method_is_in_its_metafile(metafile):
    listed = sorted(m['Config'] for m in gen.load_metafile(metafile)['Models'])
    assert len(listed) == len(set(listed)), 'a config is listed twice'
    on_disk = _method_configs(osp.dirname(metafile))
    missing = sorted(set(on_disk) - set(listed))
    stale = sorted(set(listed) - set(on_disk))
    assert not missing and not stale, (
        f'{_rel(metafile)}: configs not listed: {missing}; listed configs '
        f'that do not exist: {stale}')


def test_model_names_are_unique():
    names = [m['Name'] for _, meta in gen.load_model_index(ROOT)
             for m in meta['Models']]
    assert len(names) == len(set(names))


def test_model_zoo_page_is_the_generators_output():
    with open(osp.join(ROOT, gen.OUTPUT)) as f:
        current = f.read()
    assert current == gen.render(gen.load_model_index(ROOT)), (
        'docs/model_zoo.md is stale: run python .dev_scripts/gen_model_zoo.py')


def test_a_missing_config_or_field_is_reported(tmp_path):
    bad = tmp_path / 'metafile.yml'
    bad.write_text(yaml.safe_dump(dict(
        Collections=[dict(Name='X', Metadata={}, Paper=None, README='r',
                          Code=dict(URL='c'))],
        Models=[dict(Name='m', **{'In Collection': 'X'}, Config='c.py',
                     Results=None, Weights=None,
                     Metadata={'Training Data': 'd', 'Epochs': 1,
                               'Batch Size': 1})])))
    with pytest.raises(ValueError, match="model 'm': Metadata has no "
                                         "'Architecture'"):
        gen.load_metafile(str(bad))
