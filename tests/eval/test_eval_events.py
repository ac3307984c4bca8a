"""Quality gate of the event coder on the PLOVER GSR and ConfliBERT sets (needs ../shared)."""

from __future__ import annotations

from eval_gate import SHARED, assert_floors, load_eval, require


def test_eval_events_meets_floors() -> None:
    require("gold", "events", "plover_gsr.jsonl")
    require("gold", "events", "confli_cameo_train.tsv")
    metrics = load_eval("eval_events").evaluate(SHARED)
    flat = {
        **{f"gsr_{k}": v for k, v in metrics["gsr"].items()},
        **{f"confli_{k}": v for k, v in metrics["confli"].items()},
    }
    assert flat["gsr_n"] == 322
    assert_floors("events", flat)
