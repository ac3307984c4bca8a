"""Quality gate of geoparsing (LGL) and event locations against pinned floors."""

from __future__ import annotations

from eval_gate import SHARED, assert_floors, load_eval, require


def test_eval_geo_meets_floors() -> None:
    require("gold", "geo", "lgl.xml")
    require("gold", "geo", "event_location_train.jsonl")
    metrics = load_eval("eval_geo").evaluate(SHARED)
    assert metrics["lgl_documents"] == 588 and metrics["resolution_toponyms"] > 0
    assert metrics["event_sentences"] > 9000
    assert_floors("geo", metrics)
