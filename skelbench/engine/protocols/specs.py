"""Names of the downstream protocols.

A protocol list is written as on the command line of
``tools/benchmark.py``:
``linear,knn,finetune,semi-1,semi-10,transfer-pku2,distill,distill-10``.

* ``linear``: linear classifier on the frozen encoder's features;
* ``knn``: 1-NN and 20-NN retrieval of the test split in the training split;
* ``finetune``: the encoder end to end with a classification head;
* ``scratch``: the fine-tune recipe from a random initialisation, without
  layer-wise lr decay (the supervised baseline of the fine-tune table);
* ``semi-P``: fine-tuning on a class-balanced ``P`` % of the labels
  (the method's ``semi-Ppct`` recipe where it has one, else its fine-tune
  recipe);
* ``transfer-D``: fine-tuning on another dataset ``D`` (the start of its
  config suffix: ``pku2`` -> ``..._pku2-xsub.py``);
* ``distill``: a teacher fine-tuned as by ``finetune`` is distilled into a
  randomly initialised student on the training split without labels;
* ``distill-P``: the same with a teacher fine-tuned as by ``semi-P``
  (skeleton BYOL's semi-supervised distillation).
"""
import re
from dataclasses import dataclass
from typing import List, Optional

__all__ = ['Protocol', 'parse_protocols']

_SEMI = re.compile(r'^semi-(\d+(?:\.\d+)?)$')
_TRANSFER = re.compile(r'^transfer-([a-z0-9][a-z0-9.-]*)$')
_DISTILL = re.compile(r'^distill(?:-(\d+(?:\.\d+)?))?$')


@dataclass(frozen=True)
class Protocol:
    """One protocol of a benchmark run.

    Attributes:
        name (str): As written (``semi-10``), the key of the results.
        kind (str): ``linear``, ``knn``, ``finetune``, ``scratch``,
            ``semi``, ``transfer`` or ``distill``.
        fraction (float, optional): ``semi``: labelled fraction in (0, 1];
            ``distill``: that of the teacher's fine-tuning (None: all
            labels).
        target (str, optional): ``transfer``: the target dataset.
    """
    name: str
    kind: str
    fraction: Optional[float] = None
    target: Optional[str] = None

    @property
    def benchmark_kind(self) -> str:
        """Which benchmark config the protocol runs: ``linear-probe`` (the
        linear and kNN probes), ``distill`` (the student's) or
        ``finetune``."""
        if self.kind in ('linear', 'knn'):
            return 'linear-probe'
        return 'distill' if self.kind == 'distill' else 'finetune'

    @property
    def recipe_kind(self) -> Optional[str]:
        """``semi``: the kind of a method's own semi-supervised recipe
        (``semi-10pct`` for ``semi-10``: ``benchmarks/semi-10pct_*.py``),
        run instead of the fine-tune config where it exists; None for the
        other protocols."""
        if self.kind != 'semi':
            return None
        return f'semi-{self.fraction * 100:g}pct'

    @property
    def teacher(self) -> Optional['Protocol']:
        """``distill``: the protocol that fine-tunes its teacher
        (``finetune`` or ``semi-P``); None for the others."""
        if self.kind != 'distill':
            return None
        if self.fraction is None:
            return Protocol('finetune', 'finetune')
        return Protocol('semi' + self.name[len('distill'):], 'semi',
                        fraction=self.fraction)


def _percent(name: str, text: str) -> float:
    pct = float(text)
    if not 0 < pct <= 100:
        raise ValueError(f'{name}: the label percentage must be in '
                         f'(0, 100], got {pct:g}')
    return pct


def parse_protocols(text: str) -> List[Protocol]:
    """``'linear,semi-10'`` -> ``[Protocol('linear', 'linear'), ...]``.

    Raises:
        ValueError: For an unknown or repeated name, or a fraction outside
            (0, 100].
    """
    out, seen = [], set()
    for name in (p.strip() for p in text.split(',')):
        if not name:
            continue
        if name in seen:
            raise ValueError(f'protocol {name!r} is listed twice')
        seen.add(name)
        if name in ('linear', 'knn', 'finetune', 'scratch'):
            out.append(Protocol(name, name))
        elif _SEMI.match(name):
            pct = _percent(name, _SEMI.match(name).group(1))
            out.append(Protocol(name, 'semi', fraction=pct / 100))
        elif _TRANSFER.match(name):
            out.append(Protocol(name, 'transfer',
                                target=_TRANSFER.match(name).group(1)))
        elif _DISTILL.match(name):
            pct = _DISTILL.match(name).group(1)
            out.append(Protocol(name, 'distill', fraction=None if pct is None
                                else _percent(name, pct) / 100))
        else:
            raise ValueError(
                f'unknown protocol {name!r}; choose from linear, knn, '
                'finetune, scratch, semi-<percent> (semi-1, semi-10), '
                'transfer-<dataset> (transfer-pku2), distill, '
                'distill-<percent> (distill-10)')
    if not out:
        raise ValueError('no protocol given')
    return out
