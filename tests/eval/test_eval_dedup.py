"""Quality gate of deduplication on the team's own set of reworded reports (never skips)."""

from __future__ import annotations

from eval_gate import assert_floors, load_eval


def test_eval_dedup_meets_floors() -> None:
    metrics = load_eval("eval_dedup").evaluate()
    assert metrics["reports"] >= 50 and metrics["gold_pairs"] > 50 and metrics["coverage"] > 0.8
    assert_floors("dedup", metrics)
