"""Installation script of skelbench.

``install_requires`` comes from ``requirements/runtime.txt``. mmcv is
provided by the pure-python ``mmcv-lite`` wheel (skelbench uses no compiled
mmcv op). If a full ``mmcv`` (>= 2.0) is already installed in the target
environment, the requirement is rewritten to ``mmcv`` so that pip does not
install a second distribution of the ``mmcv`` module over it.
"""
import os
import os.path as osp
import subprocess
import sys

from setuptools import find_packages, setup

HERE = osp.dirname(osp.abspath(__file__))


def read_requirements(fname):
    """Parse a requirements file into a list of requirement strings."""
    reqs = []
    with open(osp.join(HERE, fname)) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if not line or line.startswith('-'):
                continue
            reqs.append(line)
    return reqs


def installed_full_mmcv_version():
    """Return the version of an installed full ``mmcv`` distribution or None.

    pip may run this file inside an isolated build environment that hides
    the target site-packages, so the check runs in a child interpreter with
    the isolation variables removed.
    """
    code = ('import importlib.metadata as m\n'
            'try:\n    print(m.version("mmcv"))\n'
            'except m.PackageNotFoundError:\n    print("")\n')
    env = {k: v for k, v in os.environ.items()
           if k not in ('PYTHONPATH', 'PYTHONNOUSERSITE', 'PYTHONHOME')}
    try:
        out = subprocess.run([sys.executable, '-c', code], env=env,
                             capture_output=True, text=True, timeout=60)
        version = out.stdout.strip()
    except Exception:  # pragma: no cover - probing must never break install
        return None
    return version or None


def runtime_requirements():
    reqs = read_requirements('requirements/runtime.txt')
    full = installed_full_mmcv_version()
    if full is not None and int(full.split('.')[0]) >= 2:
        reqs = ['mmcv>=2.0.0' if r.startswith('mmcv-lite') else r
                for r in reqs]
    return reqs


def get_version():
    scope = {}
    with open(osp.join(HERE, 'skelbench', 'version.py')) as f:
        exec(compile(f.read(), 'version.py', 'exec'), scope)
    return scope['__version__']


if __name__ == '__main__':
    tests = read_requirements('requirements/tests.txt')
    optional = read_requirements('requirements/optional.txt')
    setup(
        name='skelbench',
        version=get_version(),
        description='Self-supervised skeleton-based action recognition '
        'toolkit on mmengine',
        long_description=open(osp.join(HERE, 'README.md')).read()
        if osp.exists(osp.join(HERE, 'README.md')) else '',
        long_description_content_type='text/markdown',
        packages=find_packages(exclude=('configs', 'tools', 'tests',
                                        'docs')),
        include_package_data=True,
        python_requires='>=3.9',
        install_requires=runtime_requirements(),
        extras_require={
            'tests': tests,
            'optional': optional,
            'all': sorted(set(tests + optional)),
        },
        license='Apache License 2.0',
        zip_safe=False,
    )
