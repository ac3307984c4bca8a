"""PLOVER-strict export: the manual's reductions of future events and reciprocal acts."""

from __future__ import annotations

from typing import Any

from newsevents.export.plover import plover_record, strict_type
from newsevents.records import Analysis, Span


def _event(type_: str, aux: list[str]) -> dict[str, Any]:
    actor = {
        "text": "Chile",
        "start": 0,
        "end": 5,
        "name": "Chile",
        "country": "CHL",
        "sector": None,
        "wikidata": None,
        "role": None,
    }
    return {
        "id": "d:6",
        "type": type_,
        "mode": "",
        "context": ["diplomatic"],
        "aux": aux,
        "cameo": "040",
        "quad": 1,
        "intensity": 1.0,
        "actor": [actor],
        "recipient": [],
        "date": "2024-03-12",
        "date_precision": "day",
        "location": None,
        "sentence": 0,
        "trigger": {"text": "will", "start": 6, "end": 10},
        "confidence": 0.8,
        "rule": "verb:meet",
    }


def test_plover_future_cooperation_is_agree() -> None:
    for type_ in ("CONSULT", "SUPPORT", "COOPERATE", "AID"):
        assert strict_type(_event(type_, ["future"])) == "AGREE"
        assert strict_type(_event(type_, [])) == type_


def test_plover_announced_retreat_is_concede_and_others_stay() -> None:
    assert strict_type(_event("RETREAT", ["future"])) == "CONCEDE"
    assert strict_type(_event("RETREAT", [])) == "RETREAT"
    assert strict_type(_event("CONCEDE", ["future"])) == "CONCEDE"
    assert strict_type(_event("RETREAT", ["future", "negated"])) == "RETREAT"


def test_plover_conditional_attack_is_a_threat_unless_others_speculate() -> None:
    # the manual: "THREATEN could be ASSAULT + hypothetical"; return the single category
    assert strict_type(_event("ASSAULT", ["hypothetical"])) == "THREATEN"
    # "analysts say Russia could attack": a third party's speculation threatens nothing
    assert strict_type(_event("ASSAULT", ["hypothetical", "reported"])) == "ASSAULT"
    assert strict_type(_event("ASSAULT", ["hypothetical", "negated"])) == "ASSAULT"


def test_plover_announced_coercion_is_a_threat_with_its_content_as_mode() -> None:
    from newsevents.export.plover import strict_mode

    attack = _event("ASSAULT", ["future"])
    assert strict_type(attack) == "THREATEN" and strict_mode(attack) == "violence"
    arrest = {**_event("COERCE", ["future"]), "mode": "arrest"}
    assert strict_type(arrest) == "THREATEN" and strict_mode(arrest) == "arrest"
    assert strict_type(_event("SANCTION", ["future", "negated"])) == "SANCTION"


def test_plover_record_uses_the_manual_field_names() -> None:
    analysis = Analysis(id="d", text="Chile will meet Peru.", sentences=[Span(0, 21)])
    record = plover_record(analysis, _event("CONSULT", ["future"]))
    assert record["event"] == ["AGREE"] and record["event_text"] == ["will"]
    assert record["actor"][0]["country"] == "CHL" and record["recipient"] == []
    assert record["text"] == "Chile will meet Peru." and "future" in record["context"]
    assert {"id", "date", "quad_code", "event_scale", "mode", "coder"} <= set(record)


def test_plover_conditional_protest_is_a_threat_and_a_planned_one_is_not() -> None:
    from newsevents.export.plover import strict_mode

    # "will boycott the elections unless ...": THREATEN `restrict` (boycotts, strikes)
    boycott = _event("PROTEST", ["future", "hypothetical"])
    assert strict_type(boycott) == "THREATEN" and strict_mode(boycott) == "restrict"
    # "will march on Sunday": an announced protest is still a protest
    assert strict_type(_event("PROTEST", ["future"])) == "PROTEST"
    assert strict_type(_event("PROTEST", ["hypothetical", "reported"])) == "PROTEST"


def test_plover_reciprocal_act_has_all_its_parties_as_actor() -> None:
    # the manual: in a meeting "all of the entities are considered as the actor and no
    # recipient is included"
    analysis = Analysis(id="d", text="Chile met Peru.", sentences=[Span(0, 15)])
    peru = {**_event("CONSULT", [])["actor"][0], "text": "Peru", "country": "PER"}
    meeting = {**_event("CONSULT", []), "recipient": [peru], "reciprocal": True}
    record = plover_record(analysis, meeting)
    assert [a["country"] for a in record["actor"]] == ["CHL", "PER"]
    assert record["recipient"] == []
    visit = {**meeting, "reciprocal": False}
    assert [a["country"] for a in plover_record(analysis, visit)["recipient"]] == ["PER"]
