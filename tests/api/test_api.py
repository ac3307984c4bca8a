"""The read API over real HTTP: events, pages, evidence, aggregations, actors, schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.store.query import EventFilter
from newsevents.store.reader import Store

from .api_fixtures import Server


def test_api_health_reports_the_store(server: Server, api_store: Path) -> None:
    answer = server.get("/health")
    assert answer.status == 200 and answer.body["status"] == "ok"
    with Store(api_store) as store:
        assert answer.body["store"]["events"] == store.count()
        assert answer.body["store"]["mentions"] == store.count(deduplicated=False)
        assert answer.body["store"]["documents"] == len(store.documents())
    assert answer.body["store"]["dedup_current"] is True
    assert answer.body["writes"] is True


def test_api_events_pages_cover_every_event_once_in_order(server: Server, api_store: Path) -> None:
    with Store(api_store) as store:
        expected = [e["id"] for e in store.events(limit=1000)]
    assert len(expected) > 3
    seen, offset = [], 0
    while offset is not None:
        page = server.get("/events", limit=3, offset=offset).body
        assert page["total"] == len(expected) and len(page["events"]) <= 3
        seen += [e["id"] for e in page["events"]]
        offset = page["next_offset"]
    assert seen == expected
    past_the_end = server.get("/events", offset=len(expected) + 5).body
    assert past_the_end["events"] == [] and past_the_end["next_offset"] is None


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"type": "accuse"}, {"type": "ACCUSE"}),
        ({"actor": "chl"}, {"actor": "CHL"}),
        ({"recipient": "peru"}, {"recipient": "peru"}),
        ({"country": "EGY", "from": "2024-04-01", "to": "2024-04-30"},
         {"country": "EGY", "date_from": "2024-04-01", "date_to": "2024-04-30"}),
    ],
)  # fmt: skip
def test_api_events_filters_match_the_store(
    server: Server, api_store: Path, params: dict[str, str], where: dict[str, str]
) -> None:
    answer = server.get("/events", **params)
    assert answer.status == 200
    with Store(api_store) as store:
        expected = store.events(EventFilter.parse(**where), limit=1000)
    assert expected, "the fixture articles should give events for every filter here"
    assert [e["id"] for e in answer.body["events"]] == [e["id"] for e in expected]
    assert answer.body["total"] == len(expected)


def test_api_mentions_lists_every_coded_event(server: Server, api_store: Path) -> None:
    answer = server.get("/events", mentions="true", limit=500)
    with Store(api_store) as store:
        assert answer.body["total"] == store.count(deduplicated=False)
    assert all("event_json" not in e and "shard" not in e for e in answer.body["events"])


def _event_with_sentence(server: Server, start: str) -> dict:
    events = server.get("/events", limit=500).body["events"]
    found = [e for e in events if (e["sentence_text"] or "").startswith(start)]
    assert found, f"no event in a sentence starting {start!r}"
    return found[0]


def test_api_event_shows_each_mention_with_highlighted_evidence(server: Server) -> None:
    listed = _event_with_sentence(server, "Chile accused Peru of spying")
    answer = server.get(f"/events/{listed['id']}")
    assert answer.status == 200 and answer.body["event"]["id"] == listed["id"]
    mentions = answer.body["mentions"]
    assert len(mentions) == answer.body["event"]["num_mentions"] >= 1
    for mention in mentions:
        sentence = mention["evidence"]["sentence"]
        for h in mention["evidence"]["highlights"]:
            assert sentence[h["start"] : h["end"]] == h["text"]
        assert "event_json" not in mention and isinstance(mention["provenance"], dict)
    mine = next(m for m in mentions if m["doc_id"] == "hostile-1")
    marked = {(h["role"], h["text"]) for h in mine["evidence"]["highlights"]}
    assert marked == {("actor", "Chile"), ("trigger", "accused"), ("recipient", "Peru")}


def test_api_event_opens_by_mention_id(server: Server) -> None:
    mention = server.get("/events", mentions="true", limit=1).body["events"][0]
    answer = server.get(f"/events/{mention['id']}")
    assert answer.status == 200
    assert mention["id"] in {m["id"] for m in answer.body["mentions"]}


def test_api_aggregates_count_every_matching_event(server: Server, api_store: Path) -> None:
    with Store(api_store) as store:
        total = store.count()
        for kind in ("dyad_month", "country_type"):
            answer = server.get("/aggregate", kind=kind, type="ACCUSE")
            assert answer.body["rows"] == store.aggregate(kind, EventFilter(type="ACCUSE"))
    timeline = server.get("/aggregate", kind="type_month").body["rows"]
    assert sum(r["events"] for r in timeline) == total
    months = server.get("/events", limit=500).body["events"]
    assert {(r["month"], r["type"]) for r in timeline} == {
        (e["date"][:7], e["type"]) for e in months
    }
    places = server.get("/aggregate", kind="location").body["rows"]
    assert sum(r["events"] for r in places) == total


def test_api_actors_network_links_actors_to_recipients(server: Server) -> None:
    network = server.get("/actors", limit=50).body
    events = server.get("/events", limit=500).body["events"]
    names = {a["name"] for a in network["actors"]}
    for actor in network["actors"]:
        as_actor = sum(actor["name"] in e["actor_names"] for e in events)
        assert actor["as_actor"] == as_actor
    for link in network["links"]:
        assert link["actor"] in names and link["recipient"] in names
        pairs = [
            e for e in events
            if link["actor"] in e["actor_names"] and link["recipient"] in e["recipient_names"]
        ]  # fmt: skip
        assert link["events"] == len(pairs)
        assert link["intensity"] == pytest.approx(sum(e["intensity"] for e in pairs))
    chile = next(a for a in network["actors"] if a["name"] == "Chile")
    assert chile["country"] == "CHL"
    assert len(server.get("/actors", limit=2).body["actors"]) == 2


def test_api_openapi_schema_lists_the_routes(server: Server) -> None:
    schema = server.get("/openapi.json").body
    paths = schema["paths"]
    for path in ("/events", "/events/{event_id}", "/aggregate", "/actors", "/health"):
        assert "get" in paths[path], path
    assert "post" in paths["/documents"]
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    event_params = {p["name"] for p in paths["/events"]["get"]["parameters"]}
    assert {"actor", "from", "to", "bbox", "min_sources", "limit", "offset"} <= event_params
    # the interactive docs pages load scripts from a CDN: they are off
    assert server.get("/docs").status == 404
