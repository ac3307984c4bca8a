"""Quality gate of the temporal tagger on TBAQ (TimeBank + AQUAINT) against pinned floors.

The HeidelTime comparison of eval/eval_time.py (`--heideltime`, Java) is not part of the gate;
only its reading of HeidelTime's TimeML output is tested here, on a text written by the team.
"""

from __future__ import annotations

import pytest
from eval_gate import SHARED, assert_floors, load_eval, require


def test_eval_time_meets_floors() -> None:
    require("gold", "time", "tbaq")
    metrics = load_eval("eval_time").evaluate(SHARED)
    assert metrics["documents"] > 0 and metrics["gold"] > 0
    assert "heideltime" not in metrics  # the reference tagger runs only when asked
    assert_floors("time", metrics)


def test_eval_time_reads_heideltime_timeml_offsets() -> None:
    eval_time = load_eval("eval_time")
    text = "Talks & votes <b> resumed on Tuesday,\ntwo weeks after the 1990s ended."
    timeml = (
        '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n'
        'Talks & votes <b> resumed on <TIMEX3 tid="t1" type="DATE" value="2022-07-19">Tuesday'
        '</TIMEX3>,\n<TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3> after '
        '<TIMEX3 tid="t3" type="DATE" value="199" mod="END">the 1990s</TIMEX3> ended.\n'
        "</TimeML>\n"
    )
    found = eval_time.read_heideltime(text, timeml)
    assert [(text[f.start : f.end], f.type, f.value, f.mod) for f in found] == [
        ("Tuesday", "DATE", "2022-07-19", None),
        ("two weeks", "DURATION", "P2W", None),
        ("the 1990s", "DATE", "199", "END"),
    ]
    with pytest.raises(ValueError, match="changed the document text"):
        eval_time.read_heideltime(text.replace("Talks", "Talk"), timeml)
