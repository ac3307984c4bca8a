"""Quality gate of the actor resolver against pinned floors (needs ../shared)."""

from __future__ import annotations

from eval_gate import SHARED, assert_floors, load_eval, require


def test_eval_actors_meets_floors() -> None:
    require("gold", "actors", "ngec_actor_cases_dev.jsonl")
    assert_floors("actors", load_eval("eval_actors").evaluate(SHARED))
