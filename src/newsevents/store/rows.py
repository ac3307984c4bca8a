"""Rows of the store's tables, built from an `Analysis`, and their Parquet schemas.

An event row keeps the queried fields as columns (lists for the actor and recipient slots,
which may hold several actors) and the whole event as JSON (`event_json`), so that nothing
the coder produced is lost and exports can rebuild the original record. Fields the coder
may not fill (`location`, the event's attributed `source`) are null when absent. The row's
`source` is the publisher of the document; the event's own `source` (who the report says
claims the event) is kept as `attributed_to`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import urlparse

import pyarrow as pa

from newsevents.records import Analysis
from newsevents.store.layout import month_of

_STR = pa.string()
_STRS = pa.list_(pa.string())


def columns(kind: pa.DataType, *names: str) -> list[tuple[str, pa.DataType]]:
    """Schema fields of one type."""
    return [(name, kind) for name in names]


DOCUMENT_SCHEMA = pa.schema([
    *columns(_STR, "id", "content_hash", "shard", "coded_at", "published"),
    ("published_inferred", pa.bool_()),
    *columns(_STR, "source", "url", "title", "origin", "text"),
    ("event_count", pa.int32()),
    *columns(_STR, "error_code", "error_message", "month"),
])  # fmt: skip

# groups of event fields shared by the events table and the unique events (store/uniques.py)
CODING_FIELDS = [*columns(_STR, "type", "mode"), *columns(_STRS, "context", "aux"),
                 ("cameo", _STR), ("quad", pa.int8()), ("intensity", pa.float64())]  # fmt: skip
SLOT_FIELDS = columns(_STRS, *(f"{slot}_{what}" for slot in ("actor", "recipient")
                               for what in ("names", "countries", "sectors")))  # fmt: skip
LOCATION_FIELDS = [*columns(_STR, "location_name", "location_country"),
                   *columns(pa.float64(), "lat", "lon"), ("geonameid", _STR)]  # fmt: skip

EVENT_SCHEMA = pa.schema([
    *columns(_STR, "id", "doc_id", "shard", "coded_at", "published", "source", "url", "date",
             "date_precision", "month"),
    *CODING_FIELDS, *SLOT_FIELDS, *LOCATION_FIELDS,
    *columns(pa.int32(), "sentence", "sentence_start"),
    *columns(_STR, "sentence_text", "trigger_text"),
    *columns(pa.int32(), "trigger_start", "trigger_end"),
    ("confidence", pa.float64()),
    *columns(_STR, "rule", "attributed_to", "provenance_json", "event_json"),
])  # fmt: skip


# Which columns a shard's files have. A shard's manifest entry records it, so that a reader
# can read the files of one layout without reconciling their schemas one by one (DuckDB's
# union_by_name reads every file's footer: hundreds of MB over thousands of files).
SCHEMA_ID = hashlib.sha256(
    f"{DOCUMENT_SCHEMA.to_string()}\n{EVENT_SCHEMA.to_string()}".encode()
).hexdigest()[:12]


def publisher(analysis: Analysis, given: str | None) -> str | None:
    """Who published the document: the input's `source` field, else the host of its URL."""
    if given:
        return given
    own = getattr(analysis, "source", None)  # a later Analysis may carry it itself
    if isinstance(own, str) and own:
        return own
    host = urlparse(analysis.url).hostname if analysis.url else None
    return host.removeprefix("www.") if host else None


def document_row(
    analysis: Analysis, content_hash: str, shard: str, coded_at: str, source: str | None
) -> dict[str, Any]:
    error = analysis.error
    return {
        "id": analysis.id,
        "content_hash": content_hash,
        "shard": shard,
        "coded_at": coded_at,
        "published": analysis.published,
        "published_inferred": analysis.published_inferred,
        "source": source,
        "url": analysis.url,
        "title": analysis.title,
        "origin": analysis.origin,
        "text": analysis.text,
        "event_count": len(analysis.events),
        "error_code": error.code if error else None,
        "error_message": error.message if error else None,
        "month": month_of(analysis.published),
    }


def _slot(actors: Any) -> tuple[list[str], list[str], list[str]]:
    """Names, distinct countries and distinct sectors of a slot's actors."""
    actors = [a for a in actors or [] if isinstance(a, dict)]
    names = list(dict.fromkeys(str(a.get("name") or a.get("text") or "") for a in actors))
    countries = list(dict.fromkeys(str(a["country"]) for a in actors if a.get("country")))
    sectors = list(dict.fromkeys(str(a["sector"]) for a in actors if a.get("sector")))
    return names, countries, sectors


def _actor_label(actor: Any) -> str | None:
    actor = _object(actor)
    return str(actor.get("name") or actor.get("text") or "") or None


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def event_row(
    analysis: Analysis, event: dict[str, Any], shard: str, coded_at: str, source: str | None
) -> dict[str, Any]:
    """One row of the events table; missing fields become nulls, never an error."""
    actor_names, actor_countries, actor_sectors = _slot(event.get("actor"))
    recip_names, recip_countries, recip_sectors = _slot(event.get("recipient"))
    location = _object(event.get("location"))
    trigger = _object(event.get("trigger"))
    index = event.get("sentence")
    span = (
        analysis.sentences[index]
        if isinstance(index, int) and 0 <= index < len(analysis.sentences)
        else None
    )
    geonameid = location.get("geonameid")
    return {
        "id": str(event.get("id") or f"{analysis.id}:{trigger.get('start')}"),
        "doc_id": analysis.id,
        "shard": shard,
        "coded_at": coded_at,
        "published": analysis.published,
        "source": source,
        "url": analysis.url,
        "date": event.get("date"),
        "date_precision": event.get("date_precision"),
        "month": month_of(event.get("date")),
        "type": event.get("type"),
        "mode": event.get("mode") or "",
        "context": [str(c) for c in event.get("context") or []],
        "aux": [str(a) for a in event.get("aux") or []],
        "cameo": event.get("cameo"),
        "quad": event.get("quad"),
        "intensity": _number(event.get("intensity")),
        "actor_names": actor_names,
        "actor_countries": actor_countries,
        "actor_sectors": actor_sectors,
        "recipient_names": recip_names,
        "recipient_countries": recip_countries,
        "recipient_sectors": recip_sectors,
        "location_name": location.get("name"),
        "location_country": location.get("country"),
        "lat": _number(location.get("lat")),
        "lon": _number(location.get("lon")),
        "geonameid": str(geonameid) if geonameid is not None else None,
        "sentence": index if isinstance(index, int) else None,
        "sentence_start": span.start if span else None,
        "sentence_text": analysis.text[span.start : span.end] if span else None,
        "trigger_text": trigger.get("text"),
        "trigger_start": trigger.get("start"),
        "trigger_end": trigger.get("end"),
        "confidence": _number(event.get("confidence")),
        "rule": event.get("rule"),
        # who the report attributes the event to ("officials said ..."), not the publisher
        "attributed_to": _actor_label(event.get("source")),
        "provenance_json": json.dumps(event.get("provenance") or {}, sort_keys=True),
        "event_json": json.dumps(event, ensure_ascii=False, sort_keys=True),
    }
