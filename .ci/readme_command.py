"""Print the README's command marked ``<!-- ci: NAME -->``.

The marker stands on the line before a fenced ``bash`` block holding one
command; CI runs exactly that text, so the README and CI cannot drift.

    python .ci/readme_command.py main-job
"""
import re
import sys
from pathlib import Path


def readme_command(name, readme=Path(__file__).resolve().parents[1] /
                   'README.md'):
    text = readme.read_text()
    match = re.search(
        r'<!-- ci: ' + re.escape(name) + r' -->\s*\n```(?:bash|sh)?\n(.*?)```',
        text, re.S)
    if match is None:
        raise SystemExit(f'{readme}: no fenced command after '
                         f'"<!-- ci: {name} -->"')
    command = match.group(1).strip()
    if not command or '\n' in command.replace('\\\n', ''):
        raise SystemExit(f'{readme}: the "{name}" block must hold one '
                         f'command, got:\n{command}')
    return command


if __name__ == '__main__':
    print(readme_command(sys.argv[1]))
