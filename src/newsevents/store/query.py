"""Validated filters over events, turned into SQL with bound parameters.

`EventFilter.parse(**raw)` is what any front end (CLI, HTTP) calls with the user's strings: it
checks each value and raises `QueryError` with a message fit for the user. `where()` returns
a SQL condition whose every user value is a `?` parameter, never text pasted into SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from newsevents.events.ontology import PLOVER_TYPES

AUX_MODES = frozenset({"future", "historical", "hypothetical", "negated", "reported"})
AGGREGATIONS = ("dyad_month", "country_type")
MAX_PAGE = 10_000
_CODE = re.compile(r"[A-Z]{3}")
_MODE = re.compile(r"[a-z_]{1,40}")
_MAX_TEXT = 200


class QueryError(ValueError):
    """A filter value that cannot be used; the message says which and why."""


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Conditions on events; None means no condition. Build it with `parse`."""

    actor: str | None = None  # a country code (RUS) or part of a name, in the actor slot
    recipient: str | None = None  # the same, in the recipient slot
    country: str | None = None  # a country code in either slot or the location
    sector: str | None = None  # a sector code (GOV, MIL, ...) in either slot
    type: str | None = None
    mode: str | None = None
    aux: str | None = None
    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    min_sources: int | None = None

    @classmethod
    def parse(cls, **raw: Any) -> EventFilter:
        """Check and normalise raw values (strings from a command line or a URL).

        >>> EventFilter.parse(type="assault", country="rus", bbox="30,44,40,52").type
        'ASSAULT'
        """
        unknown = set(raw) - {f.name for f in fields(cls)}
        if unknown:
            raise QueryError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        values = {k: v for k, v in raw.items() if v is not None and v != ""}
        out: dict[str, Any] = {}
        for key in ("actor", "recipient"):
            if key in values:
                out[key] = _text(key, values[key])
        if "country" in values:
            out["country"] = _code("country", values["country"])
        if "sector" in values:
            out["sector"] = _code("sector", values["sector"])
        if "type" in values:
            out["type"] = str(values["type"]).upper()
            if out["type"] not in PLOVER_TYPES:
                raise QueryError(f"type must be a PLOVER type ({', '.join(sorted(PLOVER_TYPES))})")
        if "mode" in values:
            out["mode"] = str(values["mode"]).lower()
            if not _MODE.fullmatch(out["mode"]):
                raise QueryError("mode must be a PLOVER mode name such as 'visit'")
        if "aux" in values:
            out["aux"] = str(values["aux"]).lower()
            if out["aux"] not in AUX_MODES:
                raise QueryError(f"aux must be one of {', '.join(sorted(AUX_MODES))}")
        for key in ("date_from", "date_to"):
            if key in values:
                out[key] = _date(key, values[key])
        if "bbox" in values:
            out["bbox"] = _bbox(values["bbox"])
        if "min_sources" in values:
            out["min_sources"] = positive_int("min_sources", values["min_sources"])
        return cls(**out)

    def where(self, deduplicated: bool = True) -> tuple[str, list[Any]]:
        """A SQL condition over the unique_events (or events) columns, and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        for slot, value in (("actor", self.actor), ("recipient", self.recipient)):
            if value is not None:
                add(
                    f"(list_contains({slot}_countries, ?) OR "
                    f"list_bool_or([contains(lower(n), ?) for n in {slot}_names]))",
                    value.upper(),
                    value.lower(),
                )
        if self.country is not None:
            add(
                "(list_contains(actor_countries, ?) OR list_contains(recipient_countries, ?)"
                " OR location_country = ?)",
                self.country,
                self.country,
                self.country,
            )
        if self.sector is not None:
            add(
                "(list_contains(actor_sectors, ?) OR list_contains(recipient_sectors, ?))",
                self.sector,
                self.sector,
            )
        if self.type is not None:
            add("type = ?", self.type)
        if self.mode is not None:
            add("mode = ?", self.mode)
        if self.aux is not None:
            add("list_contains(aux, ?)", self.aux)
        # a date of month or year precision matches when its period overlaps the range
        if self.date_from is not None:
            add("date >= left(?, length(date))", self.date_from)
        if self.date_to is not None:
            add("date <= left(?, length(date))", self.date_to)
        if self.bbox is not None:
            west, south, east, north = self.bbox
            add("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?", west, east, south, north)
        if self.min_sources is not None:
            if not deduplicated:
                raise QueryError("min_sources applies to deduplicated events only")
            add("num_sources >= ?", self.min_sources)
        return (" AND ".join(clauses) or "TRUE"), params


FILTER_NAMES = tuple(f.name for f in fields(EventFilter))


def positive_int(name: str, value: Any, maximum: int | None = None) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise QueryError(f"{name} must be a whole number, not {value!r}") from None
    if number < 0 or (name != "offset" and number < 1):
        raise QueryError(f"{name} must be {'0 or more' if name == 'offset' else 'at least 1'}")
    if maximum is not None and number > maximum:
        raise QueryError(f"{name} must be at most {maximum}")
    return number


def _text(name: str, value: Any) -> str:
    text = str(value).strip()
    if not text or len(text) > _MAX_TEXT:
        raise QueryError(f"{name} must be 1 to {_MAX_TEXT} characters")
    return text


def _code(name: str, value: Any) -> str:
    code = str(value).strip().upper()
    if not _CODE.fullmatch(code):
        raise QueryError(f"{name} must be a three-letter code such as RUS or GOV, not {value!r}")
    return code


def _date(name: str, value: Any) -> str:
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise QueryError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def _bbox(value: Any) -> tuple[float, float, float, float]:
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        west, south, east, north = (float(p) for p in parts)
    except (TypeError, ValueError):
        raise QueryError("bbox must be four numbers: west,south,east,north") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise QueryError("bbox must be west,south,east,north with west <= east, south <= north")
    return west, south, east, north
