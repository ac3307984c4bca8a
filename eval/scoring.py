"""Scoring pieces the eval scripts share: one-to-one matching of gold and predicted items,
and precision, recall and F1.

eval/ is a folder of scripts: they import this module as `scoring` (a script's own folder is
on `sys.path`; tests/eval/eval_gate.py puts eval/ there for the gates).
"""

from __future__ import annotations

from collections.abc import Iterable


def one_to_one(options: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs, each index used once, taken in the order of the
    options' first field (lowest first: pass a negated overlap to take the largest first).

    >>> one_to_one([(-3, 0, 0), (-5, 0, 1), (-2, 1, 1), (-1, 1, 0)])
    [(0, 1), (1, 0)]
    """
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, i, j in sorted(options):
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1, rounded to four places; 0 where undefined.

    >>> prf(3, 4, 6)
    (0.75, 0.5, 0.6)
    """
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)
