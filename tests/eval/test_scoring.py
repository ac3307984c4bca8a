"""The scoring pieces the eval scripts share (eval/scoring.py); these run without ../shared."""

from __future__ import annotations

from eval_gate import load_eval


def test_scoring_one_to_one_takes_the_best_option_and_uses_each_item_once() -> None:
    scoring = load_eval("scoring")
    options = [(-3, 0, 0), (-5, 0, 1), (-2, 1, 1), (-1, 1, 0)]
    assert scoring.one_to_one(options) == [(0, 1), (1, 0)]
    assert scoring.one_to_one([]) == []


def test_scoring_prf_is_zero_where_undefined() -> None:
    scoring = load_eval("scoring")
    assert scoring.prf(3, 4, 6) == (0.75, 0.5, 0.6)
    assert scoring.prf(0, 0, 5) == (0.0, 0.0, 0.0)
