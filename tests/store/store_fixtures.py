"""Stores built for tests: hand-made analyses (written by the team) committed like an ingest.

The records are real `Analysis` objects in the shape of the output contract, so the store,
deduplication and exports are tested on known values without running the parser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsevents.records import Analysis, Span
from newsevents.store.layout import writer_lock
from newsevents.store.shardfiles import CodedDocument, write_shard
from newsevents.store.writer import StoreWriter


def actor(text: str, country: str | None, sector: str | None = "GOV") -> dict[str, Any]:
    return {
        "text": text,
        "start": 0,
        "end": len(text),
        "name": text,
        "country": country,
        "sector": sector,
        "wikidata": None,
        "role": None,
    }


def place(name: str, country: str, lat: float, lon: float, geonameid: int) -> dict[str, Any]:
    return {
        "text": name,
        "start": 0,
        "end": len(name),
        "name": name,
        "country": country,
        "lat": lat,
        "lon": lon,
        "geonameid": geonameid,
    }


def document(
    doc_id: str,
    published: str,
    sentence: str,
    *,
    type_: str,
    cameo: str,
    quad: int,
    intensity: float,
    actors: list[dict[str, Any]],
    recipients: list[dict[str, Any]],
    trigger: str,
    date: str | None = None,
    location: dict[str, Any] | None = None,
    aux: list[str] | None = None,
    mode: str = "",
) -> Analysis:
    """A one-sentence document with one event whose trigger is the word `trigger`."""
    start = sentence.index(trigger)
    event = {
        "id": f"{doc_id}:{start}",
        "type": type_,
        "mode": mode,
        "context": [],
        "aux": aux or [],
        "cameo": cameo,
        "quad": quad,
        "intensity": intensity,
        "actor": actors,
        "recipient": recipients,
        "date": date or published,
        "date_precision": "day",
        "location": location,
        "sentence": 0,
        "trigger": {"text": trigger, "start": start, "end": start + len(trigger)},
        "confidence": 0.9,
        "rule": f"verb:{trigger}",
        "provenance": {"lexicon": "test", "ontology": "test", "actors": "test"},
    }
    return Analysis(
        id=doc_id,
        published=published,
        text=sentence,
        sentences=[Span(0, len(sentence))],
        events=[event],
    )


RUS, UKR = actor("Russian forces", "RUS", "MIL"), actor("Ukraine", "UKR")
CHL, PER = actor("Chile", "CHL"), actor("Peru", "PER")
USA, IRN = actor("the United States", "USA"), actor("Iran", "IRN")
KHARKIV = place("Kharkiv", "UKR", 49.99, 36.23, 706483)
ODESA = place("Odesa", "UKR", 46.48, 30.72, 698740)


def sample_documents() -> list[tuple[Analysis, str]]:
    """Seven reports of four events (with their publishers)."""
    strike = dict(
        type_="ASSAULT",
        cameo="190",
        quad=4,
        intensity=-9.0,
        actors=[RUS],
        recipients=[UKR],
        trigger="shelled",
    )
    return [
        (
            document(
                "k1",
                "2024-03-12",
                "Russian forces shelled Kharkiv overnight, hitting a power station and a school.",
                location=KHARKIV,
                **strike,
            ),
            "Daily Planet",
        ),
        (
            document(
                "k2",
                "2024-03-13",
                "A power station and a school in Kharkiv were damaged "
                "after Russian forces shelled the city overnight.",
                date="2024-03-12",
                location=KHARKIV,
                **strike,
            ),
            "Morning Courier",
        ),
        (
            document(
                "k3",
                "2024-03-13",
                "Kharkiv: Russian forces shelled a school and the power station overnight.",
                date="2024-03-12",
                **strike,
            ),
            "Daily Planet",
        ),
        (
            document(
                "o1",
                "2024-03-12",
                "Russian forces shelled the port of Odesa, setting grain silos on fire.",
                location=ODESA,
                **strike,
            ),
            "Evening Ledger",
        ),
        (
            document(
                "f1",
                "2024-01-15",
                "Chile and Peru signed a fisheries accord in Lima.",
                type_="AGREE",
                cameo="057",
                quad=1,
                intensity=5.0,
                actors=[CHL],
                recipients=[PER],
                trigger="signed",
            ),
            "Daily Planet",
        ),
        (
            document(
                "f2",
                "2024-01-16",
                "Peru and Chile signed the fisheries accord in Lima on Monday.",
                date="2024-01-15",
                type_="AGREE",
                cameo="057",
                quad=1,
                intensity=5.0,
                actors=[PER],
                recipients=[CHL],
                trigger="signed",
            ),
            "Morning Courier",
        ),
        (
            document(
                "s1",
                "2024-02-20",
                "The United States imposed new sanctions on Iran.",
                type_="SANCTION",
                cameo="163",
                quad=4,
                intensity=-6.0,
                actors=[USA],
                recipients=[IRN],
                trigger="imposed",
                aux=["reported"],
            ),
            "Evening Ledger",
        ),
    ]


def build_store(
    root: Path, documents: list[tuple[Analysis, str]] | None = None, shard: str = "handmade0001"
) -> Path:
    """Commit `documents` (default: `sample_documents()`) as one shard and deduplicate."""
    docs = sample_documents() if documents is None else documents
    coded = [CodedDocument(a, f"hash-{a.id}-{len(a.text)}", source) for a, source in docs]
    with writer_lock(root):
        writer = StoreWriter(root)
        writer.commit_shard(write_shard(root, shard, coded, {"documents": len(coded)}), "test")
        writer.refresh_dedup()
    return root
