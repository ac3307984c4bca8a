"""From stored event rows back to what the exporters need: the event and its sentence.

Every exporter writes unique events (or raw mentions) read from the store; a row carries
its representative event as `event_json`, from which the coded record is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, TextIO

import pycountry

from newsevents.events.ontology import load_ontology
from newsevents.records import Analysis, Span


def stored_event(row: Mapping[str, Any]) -> dict[str, Any]:
    """The coded event of a row, under the row's own id and date (a unique event's)."""
    event = json.loads(row["event_json"]) if row.get("event_json") else {}
    event["id"] = row["id"]
    event["date"] = row.get("date")
    event.setdefault("trigger", {"text": row.get("trigger_text") or ""})
    event.setdefault("actor", [])
    event.setdefault("recipient", [])
    event.setdefault("type", row.get("type"))
    return event


def sentence_analysis(row: Mapping[str, Any]) -> Analysis:
    """A one-sentence stand-in for the document, enough to show the evidence."""
    text = row.get("sentence_text") or ""
    return Analysis(id=str(row.get("doc_id") or ""), text=text, sentences=[Span(0, len(text))])


def numeric_id(event_id: str) -> int:
    """A stable positive 60-bit integer for formats whose event ids are numbers."""
    return int(hashlib.sha1(event_id.encode()).hexdigest()[:15], 16)


def first_actor(event: Mapping[str, Any], slot: str) -> dict[str, Any]:
    actors = [a for a in event.get(slot) or [] if isinstance(a, dict)]
    return actors[0] if actors else {}


def goldstein(cameo: str | None) -> float | None:
    """The Goldstein score of a CAMEO code, None when the code is missing or unknown."""
    try:
        return load_ontology().cameo(str(cameo)).goldstein if cameo else None
    except KeyError:
        return None


def cameo_name(cameo: str | None) -> str:
    try:
        return load_ontology().cameo(str(cameo)).name if cameo else ""
    except KeyError:
        return ""


@lru_cache(maxsize=1024)
def is_country(code: str | None) -> bool:
    return bool(code) and pycountry.countries.get(alpha_3=code) is not None


def country_name(code: str | None) -> str:
    """The English short name of an ISO alpha-3 code, else the code itself."""
    if not code:
        return ""
    country = pycountry.countries.get(alpha_3=code) if is_country(code) else None
    return str(getattr(country, "name", code))


def day(value: str | None) -> date | None:
    """The first day of an ISO date of day, month or year precision."""
    if not value:
        return None
    try:
        return date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value[:10])
    except ValueError:
        return None


def write_tsv(records: Iterable[Mapping[str, Any]], columns: Sequence[str], out: TextIO) -> int:
    """One tab-separated line per record, in `columns` order; returns the count."""
    n = 0
    for record in records:
        out.write("\t".join(cell(record[c]) for c in columns) + "\n")
        n += 1
    return n


def cell(value: Any) -> str:
    """A value as a TSV cell: no tabs or line breaks inside, empty for None."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())
