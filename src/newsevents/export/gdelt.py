"""GDELT 2.0 Events export: the 61 tab-separated columns of the event table, in order.

Mapped from a unique event: dates, the two actors as CAMEO actor codes (country + sector),
the CAMEO event code with its base and root, quad class, Goldstein score, mention, source
and article counts, the action location, the date added and the first report. What we do
not produce is left blank rather than invented: ethnic and religious codes, tone, actor
geography, FIPS country codes and ADM codes of locations (ours are ISO 3166 alpha-3).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from newsevents.export.rows import (
    day,
    first_actor,
    goldstein,
    is_country,
    numeric_id,
    stored_event,
    write_tsv,
)

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = (
    "Type",
    "Fullname",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)
_EVENT_FIELDS = ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                 "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
                 "AvgTone")  # fmt: skip
COLUMNS: tuple[str, ...] = (
    *("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"),
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    *_EVENT_FIELDS,
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in _GEO_FIELDS),
    *("DATEADDED", "SOURCEURL"),
)
GENERIC_GROUPS = frozenset({"IGO", "NGO", "MNC", "UNK"})


def _actor(prefix: str, actor: Mapping[str, Any]) -> dict[str, Any]:
    country = actor.get("country") or ""
    sector = actor.get("sector") or ""
    known_group = (
        country if country and not is_country(country) and country not in GENERIC_GROUPS else ""
    )
    return {
        f"{prefix}Code": f"{country}{sector}",
        f"{prefix}Name": (actor.get("name") or actor.get("text") or "").upper(),
        f"{prefix}CountryCode": country if is_country(country) else "",
        f"{prefix}KnownGroupCode": known_group,
        f"{prefix}Type1Code": sector,
    }


def gdelt_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """The 61 fields (by column name) of one unique event row (with `event_json`)."""
    event = stored_event(row)
    when = day(row.get("date"))
    cameo = str(row.get("cameo") or "")
    located = row.get("lat") is not None and row.get("lon") is not None
    added = str(row.get("coded_at") or "")
    record: dict[str, Any] = dict.fromkeys(COLUMNS)
    record.update(
        {
            "GlobalEventID": numeric_id(str(row["id"])),
            "Day": when.strftime("%Y%m%d") if when else None,
            "MonthYear": when.strftime("%Y%m") if when else None,
            "Year": when.year if when else None,
            "FractionDate": round(when.year + when.timetuple().tm_yday / 365, 4) if when else None,
            **_actor("Actor1", first_actor(event, "actor")),
            **_actor("Actor2", first_actor(event, "recipient")),
            "IsRootEvent": 1 if event.get("sentence") == 0 else 0,
            "EventCode": cameo,
            "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2],
            "QuadClass": row.get("quad"),
            "GoldsteinScale": goldstein(cameo),
            "NumMentions": row.get("num_mentions", 1),
            "NumSources": row.get("num_sources", 1),
            "NumArticles": row.get("num_articles", 1),
            "ActionGeo_Type": (4 if row.get("geonameid") else 1) if located else None,
            "ActionGeo_Fullname": row.get("location_name"),
            "ActionGeo_Lat": row.get("lat"),
            "ActionGeo_Long": row.get("lon"),
            "ActionGeo_FeatureID": row.get("geonameid"),
            "DATEADDED": "".join(ch for ch in added[:19] if ch.isdigit()) or None,
            "SOURCEURL": row.get("url") or row.get("doc_id"),
        }
    )
    return record


def write_gdelt(rows: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write GDELT 2.0 event lines (no header, as GDELT's files); returns the count."""
    return write_tsv((gdelt_record(row) for row in rows), COLUMNS, out)


def read_gdelt(lines: Iterable[str]) -> list[dict[str, str]]:
    """Parse GDELT 2.0 event lines into dicts by column name (for checks and tests)."""
    records = []
    for number, line in enumerate(lines, start=1):
        cells = line.rstrip("\n").split("\t")
        if len(cells) != len(COLUMNS):
            raise ValueError(f"line {number}: {len(cells)} columns, expected {len(COLUMNS)}")
        records.append(dict(zip(COLUMNS, cells, strict=True)))
    return records
