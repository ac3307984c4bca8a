"""One unique event per cluster of mentions: counts, first and last report, representative.

The representative mention is the first report (earliest publication, then the most
confident coding): its type, mode, CAMEO code and evidence stand for the event. The
participants are the union over all mentions, most often named first; the date is the one
most reports give. Every mention stays linked to its unique event, with its provenance in
the events table.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsevents.store.layout import month_of
from newsevents.store.rows import CODING_FIELDS, LOCATION_FIELDS, SLOT_FIELDS

_CODING = tuple(name for name, _ in CODING_FIELDS)
_SLOTS = tuple(name for name, _ in SLOT_FIELDS)
_LOCATION = tuple(name for name, _ in LOCATION_FIELDS)
# copied from the representative mention as they are
_REPRESENTATIVE = (*_CODING, "date_precision", "sentence_text", "trigger_text", "doc_id", "url")


def unique_id(representative_id: str) -> str:
    """Stable while the first report of the event stays the same."""
    return "ev-" + hashlib.sha1(representative_id.encode()).hexdigest()[:16]


def _first_report_key(row: Mapping[str, Any]) -> tuple[str, float, str]:
    return (row.get("published") or "9999", -(row.get("confidence") or 0.0), str(row["id"]))


def _ranked_union(lists: Iterable[Sequence[str] | None]) -> list[str]:
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    for values in lists:
        for value in values or []:
            counts[value] += 1
            order.setdefault(value, len(order))
    return sorted(counts, key=lambda v: (-counts[v], order[v]))


def _common_date(rows: Sequence[Mapping[str, Any]]) -> str | None:
    dates = Counter(r["date"] for r in rows if r.get("date"))
    if not dates:
        return None
    # the most reported date; among equals the most precise, then the earliest
    return min(dates, key=lambda d: (-dates[d], -len(d), d))


def summarise(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The unique event of one cluster of mention rows (the store's event rows)."""
    ordered = sorted(rows, key=_first_report_key)
    first = ordered[0]
    located = next(
        (r for r in ordered if r.get("location_country") or r.get("lat") is not None), {}
    )
    published = sorted(r["published"] for r in rows if r.get("published"))
    sources = {r.get("source") or f"doc:{r.get('doc_id')}" for r in rows}
    date = _common_date(rows)
    return {
        "id": unique_id(str(first["id"])),
        **{f: first.get(f) for f in _REPRESENTATIVE},
        "date": date,
        "month": month_of(date),
        **{f: _ranked_union(r.get(f) for r in ordered) for f in _SLOTS},
        **{f: located.get(f) for f in _LOCATION},
        "num_mentions": len(rows),
        "num_articles": len({r.get("doc_id") for r in rows}),
        "num_sources": len(sources),
        "sources": sorted(s for s in sources if not s.startswith("doc:")),
        "first_report": published[0] if published else None,
        "last_report": published[-1] if published else None,
        "representative": str(first["id"]),
    }


def event_and_links(
    members: Sequence[Mapping[str, Any]],
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The unique event of one cluster of mention rows and its links mention -> event."""
    event = summarise(members)
    return event, [{"unique_id": event["id"], "event_id": str(m["id"])} for m in members]


def unique_events(
    rows: Sequence[Mapping[str, Any]], groups: Sequence[Sequence[int]]
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Unique events and the links mention -> unique event, from clusters of `rows`."""
    events, links = [], []
    for group in groups:
        event, linked = event_and_links([rows[i] for i in group])
        events.append(event)
        links += linked
    return events, links
