"""Deduplication rules on hand-written mentions (no parser): what merges and what must not."""

from __future__ import annotations

import json
from typing import Any

from newsevents.dedup import DedupParams, deduplicate
from newsevents.dedup.cluster import cluster, mention_from_row, period
from newsevents.dedup.similarity import terms

_COUNTRIES = {
    "Russia": "RUS",
    "Ukraine": "UKR",
    "Chile": "CHL",
    "Peru": "PER",
    "Belarus": "BLR",
    "the EU": "EUR",
    "NATO": "IGO",
    "the UN": "IGO",
}


def row(
    i: str,
    sentence: str,
    actors: list[str],
    recipients: list[str],
    date: str,
    type_: str = "ASSAULT",
    aux: list[str] | None = None,
    source: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
    country: str | None = None,
    published: str | None = None,
) -> dict[str, Any]:
    def slot(names: list[str]) -> list[dict[str, Any]]:
        return [{"text": n, "name": n, "country": _COUNTRIES[n]} for n in names]

    event = {"actor": slot(actors), "recipient": slot(recipients)}
    return {
        "id": i,
        "doc_id": i.split(":")[0],
        "type": type_,
        "aux": aux or [],
        "date": date,
        "published": published or date,
        "source": source,
        "sentence_text": sentence,
        "event_json": json.dumps(event),
        "location_country": country,
        "lat": lat,
        "lon": lon,
        "geonameid": None,
        "confidence": 0.9,
        "intensity": -9.0,
        "actor_countries": [_COUNTRIES[n] for n in actors],
        "recipient_countries": [_COUNTRIES[n] for n in recipients],
    }


def groups(rows: list[dict[str, Any]], **params: Any) -> list[set[str]]:
    found = cluster([mention_from_row(r) for r in rows], DedupParams(**params))
    return sorted(({rows[i]["id"] for i in g} for g in found), key=min)


STRIKE = "Russia shelled the power station in Kharkiv, cutting electricity to homes."
RETOLD = "Homes lost electricity after Russia shelled the Kharkiv power station."
OTHER = "Russia shelled grain silos in the port of Odesa."


def test_dedup_merges_rewordings_of_one_event() -> None:
    rows = [
        row("a:1", STRIKE, ["Russia"], ["Ukraine"], "2024-03-12"),
        row("b:1", RETOLD, ["Russia"], [], "2024-03-13"),
        row("c:1", OTHER, ["Russia"], ["Ukraine"], "2024-03-12"),
    ]
    assert groups(rows) == [{"a:1", "b:1"}, {"c:1"}]


def test_dedup_keeps_apart_what_differs_in_type_modality_date_place_or_parties() -> None:
    base = row(
        "a:1", STRIKE, ["Russia"], ["Ukraine"], "2024-03-12", lat=49.99, lon=36.23, country="UKR"
    )
    variants = [
        row("t:1", STRIKE, ["Russia"], ["Ukraine"], "2024-03-12", type_="THREATEN"),
        row("n:1", STRIKE, ["Russia"], ["Ukraine"], "2024-03-12", aux=["negated"]),
        row("f:1", STRIKE, ["Russia"], ["Ukraine"], "2024-03-12", aux=["future"]),
        row("d:1", STRIKE, ["Russia"], ["Ukraine"], "2024-03-20"),
        row(
            "p:1",
            STRIKE,
            ["Russia"],
            ["Ukraine"],
            "2024-03-12",
            lat=46.48,
            lon=30.72,
            country="UKR",
        ),
        row("c:1", STRIKE, ["Russia"], ["Ukraine"], "2024-03-12", country="BLR"),
        row("r:1", STRIKE, ["Russia"], ["Belarus"], "2024-03-12"),
        row("s:1", STRIKE, ["Ukraine"], ["Russia"], "2024-03-12"),
        row("x:1", STRIKE, [], [], "2024-03-12"),
    ]
    for variant in variants:
        assert groups([base, variant]) == [{"a:1"}, {variant["id"]}], variant["id"]


def test_dedup_symmetric_types_match_either_way_round() -> None:
    met = "Chile and Peru held talks on fishing rights in Lima."
    rows = [
        row("a:1", met, ["Chile"], ["Peru"], "2024-01-15", type_="CONSULT"),
        row("b:1", met, ["Peru"], ["Chile"], "2024-01-15", type_="CONSULT"),
    ]
    assert groups(rows) == [{"a:1", "b:1"}]
    as_attack = [{**r, "type": "ASSAULT"} for r in rows]
    assert groups(as_attack) == [{"a:1"}, {"b:1"}]


def test_dedup_a_vague_report_does_not_chain_two_events() -> None:
    rows = [
        row(
            "a:1",
            "The EU imposed sanctions on Belarus over migrants.",
            ["the EU"],
            ["Belarus"],
            "2024-06-03",
            type_="SANCTION",
        ),
        row(
            "b:1",
            "The EU imposed sanctions on Russia over oil.",
            ["the EU"],
            ["Russia"],
            "2024-06-04",
            type_="SANCTION",
        ),
        row(
            "c:1",
            "The EU imposed sanctions over migrants and oil.",
            ["the EU"],
            [],
            "2024-06-04",
            type_="SANCTION",
        ),
    ]
    found = groups(rows)
    assert {"a:1", "b:1"} not in found and not any({"a:1", "b:1"} <= g for g in found)


def test_dedup_generic_organisation_codes_are_told_apart_by_name() -> None:
    text = "NATO condemned the attack on the convoy."
    rows = [
        row("a:1", text, ["NATO"], ["Russia"], "2024-02-01", type_="ACCUSE"),
        row("b:1", text, ["the UN"], ["Russia"], "2024-02-01", type_="ACCUSE"),
    ]
    assert groups(rows) == [{"a:1"}, {"b:1"}]


def test_dedup_unique_event_counts_mentions_sources_and_reports() -> None:
    rows = [
        row(
            "a:1",
            STRIKE,
            ["Russia"],
            ["Ukraine"],
            "2024-03-12",
            source="Planet",
            published="2024-03-12",
        ),
        row(
            "a:9",
            RETOLD,
            ["Russia"],
            ["Ukraine"],
            "2024-03-12",
            source="Planet",
            published="2024-03-12",
        ),
        row("b:1", RETOLD, ["Russia"], [], "2024-03-12", source="Courier", published="2024-03-14"),
        row(
            "c:1",
            STRIKE,
            ["Russia"],
            ["Ukraine"],
            "2024-03-11",
            source=None,
            published="2024-03-13",
        ),
    ]
    events, links = deduplicate(rows)
    (event,) = events
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (4, 3, 3)
    assert (event["first_report"], event["last_report"]) == ("2024-03-12", "2024-03-14")
    assert event["date"] == "2024-03-12" and event["representative"] == "a:1"
    assert event["sources"] == ["Courier", "Planet"] and event["recipient_countries"] == ["UKR"]
    assert sorted(link["event_id"] for link in links) == ["a:1", "a:9", "b:1", "c:1"]
    assert {link["unique_id"] for link in links} == {event["id"]}


def test_dedup_periods_and_terms() -> None:
    assert period("2024") == period("2024-01-01")[:1] + period("2024-12-31")[1:]
    assert period("not a date") == (None, None)
    assert terms("Officials said the attacks on Tuesday were reported") == ["attack"]


def test_dedup_two_people_of_one_country_are_two_actors() -> None:
    def person(name: str) -> dict[str, Any]:
        return {"text": name, "name": name, "country": "USA", "role": "senator"}

    said = "The senator accused the governor of lying about the budget."
    rows = [row("a:1", said, [], [], "2024-02-01", type_="ACCUSE"),
            row("b:1", said, [], [], "2024-02-01", type_="ACCUSE"),
            row("c:1", said, [], [], "2024-02-01", type_="ACCUSE")]  # fmt: skip
    country = {"text": "the United States", "name": "United States", "country": "USA"}
    for r, who in zip(rows, ("Ann Lee", "Bob Roe", None), strict=True):
        actors = [person(who)] if who else [country]
        r["event_json"] = json.dumps({"actor": actors, "recipient": [person("Cy Doe")]})
    found = groups(rows)
    assert not any({"a:1", "b:1"} <= g for g in found), "different people of one country"
    assert any({"a:1", "c:1"} <= g or {"b:1", "c:1"} <= g for g in found), (
        "the country stands for either"
    )
