"""Quality gate of the temporal tagger on TBAQ (TimeBank + AQUAINT) against pinned floors."""

from __future__ import annotations

from eval_gate import SHARED, assert_floors, load_eval, require


def test_eval_time_meets_floors() -> None:
    require("gold", "time", "tbaq")
    metrics = load_eval("eval_time").evaluate(SHARED)
    assert metrics["documents"] > 0 and metrics["gold"] > 0
    assert_floors("time", metrics)
