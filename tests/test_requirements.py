"""Every third-party module imported by ``skelbench/`` or ``tools/`` is
installed by ``pip install -e .`` (``requirements/runtime.txt``), so the
README's main job and every tool run on a fresh machine."""
import ast
import os.path as osp
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]

# import name -> distribution name, where they differ
DISTRIBUTION = {
    'sklearn': 'scikit-learn',
    'yaml': 'pyyaml',
    'mmcv': 'mmcv-lite',
    'PIL': 'pillow',
}
# imported by mmengine / mmcv themselves (installed with them)
PROVIDED_BY_DEPENDENCIES = {'cv2', 'addict', 'termcolor', 'rich', 'yapf'}


def imported_modules(folder):
    """{top-level module name: first file importing it} of ``folder``."""
    found = {}
    for path in sorted((ROOT / folder).rglob('*.py')):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or '']
            else:
                continue
            for name in names:
                found.setdefault(name.split('.')[0],
                                 str(path.relative_to(ROOT)))
    return found


def requirement_names(fname):
    names = set()
    with open(ROOT / 'requirements' / fname) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line and not line.startswith('-'):
                names.add(re.split(r'[<>=!~\[; ]', line, 1)[0].lower())
    return names


def local_module_names(folder):
    """Modules that resolve next to a tool (scripts, not packages)."""
    return {p.stem for p in (ROOT / folder).rglob('*.py')}


def test_runtime_requirements_cover_every_import():
    runtime = requirement_names('runtime.txt')
    local = local_module_names('tools')
    missing = []
    for folder in ('skelbench', 'tools'):
        for module, where in imported_modules(folder).items():
            if (not module or module == 'skelbench'
                    or module in sys.stdlib_module_names
                    or module in PROVIDED_BY_DEPENDENCIES):
                continue
            if folder == 'tools' and module in local:
                missing.append(f'{where}: imports the script {module!r} '
                               'instead of a library module')
                continue
            dist = DISTRIBUTION.get(module, module).lower()
            if dist not in runtime:
                missing.append(f'{where}: imports {module!r} but '
                               f'requirements/runtime.txt has no {dist!r}')
    assert not missing, '\n'.join(missing)


def test_requirements_parse():
    runtime = requirement_names('runtime.txt')
    assert {'torch', 'mmengine', 'scikit-learn', 'matplotlib'} <= runtime
    assert osp.exists(ROOT / 'requirements' / 'tests.txt')
