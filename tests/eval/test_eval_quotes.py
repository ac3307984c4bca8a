"""Quality gate of quotes and attributions on PolNeAR dev against pinned floors."""

from __future__ import annotations

from eval_gate import SHARED, assert_floors, load_eval, require


def test_eval_quotes_meets_floors() -> None:
    require("gold", "quotes", "polnear", "dev")
    metrics = load_eval("eval_quotes").evaluate(SHARED)
    assert metrics["documents"] > 0 and metrics["direct_gold"] > 0
    assert metrics["indirect_gold"] > 0
    assert_floors("quotes", metrics)
