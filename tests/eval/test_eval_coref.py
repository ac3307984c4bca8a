"""Quality gate of in-document person coreference on GUM news against pinned floors."""

from __future__ import annotations

from eval_gate import SHARED, assert_floors, load_eval, require


def test_eval_coref_meets_floors() -> None:
    require("gold", "coref_el", "gum", "gum_conll")
    assert_floors("coref", load_eval("eval_coref").evaluate(SHARED))
