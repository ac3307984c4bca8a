"""Deduplication rules on hand-written mentions (no parser): what merges and what must not."""

from __future__ import annotations

import json
import random
from collections import Counter
from itertools import combinations
from typing import Any

from newsevents.dedup import DedupParams, cluster, deduplicate
from newsevents.dedup.cluster import (
    Group,
    mention_from_row,
    participants_compatible,
    period,
    places_compatible,
    within_window,
)
from newsevents.dedup.grouping import block_keys
from newsevents.dedup.similarity import cosine, idf_table, terms, vector

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


# -- at scale: exact copies, participant blocks, the cap on pathological blocks ------------


def all_pairs_groups(rows: list[dict[str, Any]], params: DedupParams) -> list[set[str]]:
    """The grouping as first written: every pair of one type and modality compared (the
    reference the blocked, collapsed grouping must reproduce)."""
    mentions = [mention_from_row(r) for r in rows]
    dated = [i for i, m in enumerate(mentions) if m.start is not None]
    words = {i: [t for t in terms(mentions[i].evidence) if t not in mentions[i].names]
             for i in dated}  # fmt: skip
    vectors: dict[int, dict[str, float]] = {}
    for part in {(mentions[i].type, mentions[i].modality) for i in dated}:
        block = [i for i in dated if (mentions[i].type, mentions[i].modality) == part]
        df = Counter(w for i in block for w in set(words[i]))
        idf = idf_table(df, len(block))
        vectors.update({i: vector(words[i], idf) for i in block})
    pairs = []
    for i, j in combinations(dated, 2):
        a, b = mentions[i], mentions[j]
        # the later report first, as the date sweep compared them (the sum's rounding)
        later, earlier = (j, i) if (b.start, j) > (a.start, i) else (i, j)  # type: ignore[operator]
        similarity = cosine(vectors[later], vectors[earlier])
        if (
            (a.type, a.modality) == (b.type, b.modality)
            and within_window(a, b, params.window_days)
            and participants_compatible(a.type, (a.actors, a.recipients), (b.actors, b.recipients))
            and places_compatible(a.place, b.place, params.max_km)
            and similarity >= params.min_similarity
        ):
            pairs.append((similarity, i, j))
    parent = list(range(len(mentions)))
    found = {i: Group.of(mentions[i]) for i in dated}
    for i in dated:
        found[i].evidence = dict(vectors[i])

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        ri, rj = root(i), root(j)
        if ri != rj and found[ri].agrees(found[rj], params):
            parent[max(ri, rj)] = min(ri, rj)
            found[min(ri, rj)].merge(found.pop(max(ri, rj)))
    members: dict[int, set[str]] = {}
    for i, r in enumerate(rows):
        members.setdefault(root(i), set()).add(r["id"])
    return sorted(members.values(), key=min)


def synthetic_rows(seed: int, count: int) -> list[dict[str, Any]]:
    """Random reports of a few made-up events, some exact copies, some with vague dates."""
    rng = random.Random(seed)
    words = "port bridge convoy power station grain silo village border talks ceasefire airport"
    vocabulary = words.split()[: 8 + seed % 5]
    places = ["Kharkiv", "Odesa", "Lima", "Minsk"]
    rows: list[dict[str, Any]] = []
    for n in range(count):
        if rows and rng.random() < 0.3:
            copy = dict(rng.choice(rows))  # the same story carried by another outlet
            copy["id"] = f"d{n}:1"
            copy["doc_id"] = f"d{n}"
            rows.append(copy)
            continue
        who = rng.sample(list(_COUNTRIES), 2)
        what = " ".join(rng.sample(vocabulary, 3))
        sentence = f"{who[0]} hit the {what} near {rng.choice(places)}."
        day = f"2024-03-{rng.randint(10, 16)}" if rng.random() < 0.9 else "2024-03"
        rows.append(row(f"d{n}:1", sentence, who[:1], who[1:] if rng.random() < 0.7 else [],
                        day, type_=rng.choice(["ASSAULT", "CONSULT", "ACCUSE"])))  # fmt: skip
        if rng.random() < 0.3:  # a named person acting for the country
            event = json.loads(rows[-1]["event_json"])
            event["actor"][0].update(name=rng.choice(["Ann Lee", "Bob Roe"]), role="minister")
            rows[-1]["event_json"] = json.dumps(event)
    rng.shuffle(rows)
    return rows


def test_dedup_blocked_grouping_equals_comparing_all_pairs() -> None:
    for seed in range(12):
        rows = synthetic_rows(seed, 160)
        found = groups(rows)
        assert found == all_pairs_groups(rows, DedupParams()), seed
        assert any(len(g) > 2 for g in found), "the set holds real groups"


def test_dedup_many_exact_copies_are_one_event() -> None:
    copies = [row(f"c{k}:1", STRIKE, ["Russia"], ["Ukraine"], "2024-03-12") for k in range(300)]
    vague = [row(f"v{k}:1", STRIKE, ["Russia"], ["Ukraine"], "2024-03") for k in range(3)]
    other = row("o:1", OTHER, ["Russia"], ["Ukraine"], "2024-03-12")
    events, links = deduplicate([*copies, *vague, other])
    by_size = sorted(e["num_mentions"] for e in events)
    assert by_size == [1, 1, 1, 1, 300], "a month-long date never joins a group, as before"
    assert len(links) == 304


def test_dedup_blocks_keep_every_pair_that_shares_a_participant() -> None:
    minister = {"text": "Sergei Lavrov", "name": "Sergei Lavrov", "country": "RUS", "role": "x"}
    a = mention_from_row(row("a:1", STRIKE, ["Russia"], ["Ukraine"], "2024-03-12"))
    told_by_him = row("b:1", RETOLD, [], [], "2024-03-12")
    told_by_him["event_json"] = json.dumps({"actor": [minister], "recipient": []})
    b = mention_from_row(told_by_him)
    assert block_keys(a) & block_keys(b), "a person shares the block of the country"
    met = row("m:1", STRIKE, ["Chile"], ["Peru"], "2024-03-12", type_="CONSULT")
    told_back = row("n:1", STRIKE, ["Peru"], ["Chile"], "2024-03-12", type_="CONSULT")
    assert block_keys(mention_from_row(met)) == block_keys(mention_from_row(told_back))
    attack = row("p:1", STRIKE, ["Chile"], ["Peru"], "2024-03-12")
    attacked = row("q:1", STRIKE, ["Peru"], ["Chile"], "2024-03-12")
    assert not block_keys(mention_from_row(attack)) & block_keys(mention_from_row(attacked))


def test_dedup_a_pathological_block_compares_the_nearest_mentions_only() -> None:
    same_day = [row(f"x{k}:1", f"Russia shelled the depot number {k} today.", ["Russia"], [],
                    "2024-03-12") for k in range(3)]  # fmt: skip
    rows = [row("a:1", STRIKE, ["Russia"], [], "2024-03-11"), *same_day,
            row("b:1", RETOLD, ["Russia"], [], "2024-03-12")]  # fmt: skip
    assert {"a:1", "b:1"} in groups(rows), "found with the default cap"
    capped = groups(rows, max_neighbours=2)
    assert {"a:1"} in capped and {"b:1"} in capped, "beyond the cap, a pair is not compared"
