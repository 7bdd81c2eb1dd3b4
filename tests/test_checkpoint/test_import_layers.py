"""The checkpoint package is the ground floor; the engine sits above the
models and the evaluation."""
import ast
import glob
import os.path as osp

from ..conftest import REPO_ROOT

PKG = osp.join(REPO_ROOT, 'skelbench')


def _imports(path):
    """Absolute module names imported by ``path`` (relative imports
    resolved against its package)."""
    rel = osp.relpath(path, REPO_ROOT)[:-3].split(osp.sep)
    package = rel[:-1]  # of a module; an __init__'s is its own package
    out = set()
    for node in ast.walk(ast.parse(open(path).read())):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                out.add('.'.join(base + ([node.module] if node.module
                                         else [])))
            else:
                out.add(node.module)
    return out


def _modules(subpackage):
    return glob.glob(osp.join(PKG, subpackage, '**', '*.py'), recursive=True)


def test_checkpoint_package_imports_nothing_of_skelbench():
    for path in _modules('checkpoint'):
        for name in _imports(path):
            assert not name.startswith('skelbench.') or \
                name.startswith('skelbench.checkpoint'), (path, name)


def test_models_and_evaluation_do_not_import_the_engine():
    for sub in ('models', 'evaluation'):
        for path in _modules(sub):
            for name in _imports(path):
                assert not name.startswith('skelbench.engine'), (path, name)
