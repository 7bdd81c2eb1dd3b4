"""Names of the downstream protocols.

A protocol list is written as on the command line of
``tools/benchmark.py``: ``linear,knn,finetune,semi-1,semi-10,transfer-pku2``.

* ``linear``: linear classifier on the frozen encoder's features;
* ``knn``: 1-NN and 20-NN retrieval of the test split in the training split;
* ``finetune``: the encoder end to end with a classification head;
* ``scratch``: the fine-tune recipe from a random initialisation, without
  layer-wise lr decay (the supervised baseline of the fine-tune table);
* ``semi-P``: fine-tuning on a class-balanced ``P`` % of the labels;
* ``transfer-D``: fine-tuning on another dataset ``D`` (the start of its
  config suffix: ``pku2`` -> ``..._pku2-xsub.py``).
"""
import re
from dataclasses import dataclass
from typing import List, Optional

__all__ = ['Protocol', 'parse_protocols']

_SEMI = re.compile(r'^semi-(\d+(?:\.\d+)?)$')
_TRANSFER = re.compile(r'^transfer-([a-z0-9][a-z0-9.-]*)$')


@dataclass(frozen=True)
class Protocol:
    """One protocol of a benchmark run.

    Attributes:
        name (str): As written (``semi-10``), the key of the results.
        kind (str): ``linear``, ``knn``, ``finetune``, ``scratch``,
            ``semi`` or ``transfer``.
        fraction (float, optional): ``semi``: labelled fraction in (0, 1].
        target (str, optional): ``transfer``: the target dataset.
    """
    name: str
    kind: str
    fraction: Optional[float] = None
    target: Optional[str] = None

    @property
    def benchmark_kind(self) -> str:
        """Which benchmark config the protocol runs: ``linear-probe`` (the
        linear and kNN probes) or ``finetune``."""
        return 'linear-probe' if self.kind in ('linear', 'knn') \
            else 'finetune'


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
            pct = float(_SEMI.match(name).group(1))
            if not 0 < pct <= 100:
                raise ValueError(f'{name}: the label percentage must be in '
                                 f'(0, 100], got {pct:g}')
            out.append(Protocol(name, 'semi', fraction=pct / 100))
        elif _TRANSFER.match(name):
            out.append(Protocol(name, 'transfer',
                                target=_TRANSFER.match(name).group(1)))
        else:
            raise ValueError(
                f'unknown protocol {name!r}; choose from linear, knn, '
                'finetune, scratch, semi-<percent> (semi-1, semi-10), '
                'transfer-<dataset> (transfer-pku2)')
    if not out:
        raise ValueError('no protocol given')
    return out
