"""Query parameters of the read routes: the store's filters, pages, and nothing else.

Every filter value goes through `EventFilter.parse`, the same validation as the CLI, and
reaches SQL only as a bound parameter. A parameter the route does not know is an error
rather than silently ignored, so a misspelt filter never returns unfiltered data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Query, Request

from newsevents.api.errors import ApiError
from newsevents.store.query import EventFilter, QueryError

MAX_PAGE = 500  # rows per page of /events and /actors
DEFAULT_PAGE = 50
MAX_EVENT_ID = 300

FILTER_PARAMS = (
    "actor",
    "recipient",
    "country",
    "sector",
    "type",
    "mode",
    "aux",
    "from",
    "to",
    "bbox",
    "min_sources",
    "mentions",
)
PAGE_PARAMS = ("limit", "offset")
_URL_NAMES = {"date_from": "from", "date_to": "to"}


def only(*names: str) -> Callable[[Request], None]:
    """A dependency that refuses query parameters other than `names` (and repeated ones)."""
    allowed = frozenset(names)

    def check(request: Request) -> None:
        keys = [k for k, _ in request.query_params.multi_items()]
        unknown = sorted(set(keys) - allowed)
        if unknown:
            raise ApiError(
                422,
                f"unknown parameter(s): {', '.join(unknown)}; this route takes "
                f"{', '.join(names) or 'none'}",
                details=[{"parameter": k, "message": "unknown parameter"} for k in unknown],
            )
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise ApiError(
                422,
                f"parameter(s) given more than once: {', '.join(repeated)}",
                details=[{"parameter": k, "message": "given more than once"} for k in repeated],
            )

    return check


def event_filter(
    actor: Annotated[
        str | None, Query(description="country code (RUS) or part of a name in the actor slot")
    ] = None,
    recipient: Annotated[
        str | None, Query(description="country code or part of a name in the recipient slot")
    ] = None,
    country: Annotated[
        str | None, Query(description="country code in either slot or the location")
    ] = None,
    sector: Annotated[str | None, Query(description="sector code (GOV, MIL, ...)")] = None,
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT")] = None,
    mode: Annotated[str | None, Query(description="PLOVER mode, e.g. visit")] = None,
    aux: Annotated[
        str | None, Query(description="future, historical, hypothetical, negated or reported")
    ] = None,
    date_from: Annotated[
        str | None, Query(alias="from", description="first date YYYY-MM-DD")
    ] = None,
    date_to: Annotated[str | None, Query(alias="to", description="last date YYYY-MM-DD")] = None,
    bbox: Annotated[
        str | None, Query(description="location box west,south,east,north in degrees")
    ] = None,
    min_sources: Annotated[
        str | None, Query(description="events reported by at least N sources")
    ] = None,
) -> EventFilter:
    """The validated filter of a request (422 naming each unusable value and why)."""
    raw = {
        "actor": actor,
        "recipient": recipient,
        "country": country,
        "sector": sector,
        "type": type,
        "mode": mode,
        "aux": aux,
        "date_from": date_from,
        "date_to": date_to,
        "bbox": bbox,
        "min_sources": min_sources,
    }
    try:
        return EventFilter.parse(**raw)
    except QueryError as exc:
        details = []
        for name, value in raw.items():  # which values fail, each on its own
            try:
                EventFilter.parse(**{name: value})
            except QueryError as own:
                details.append({"parameter": _URL_NAMES.get(name, name), "message": str(own)})
        raise ApiError(422, str(exc), details=details) from None


Mentions = Annotated[
    bool, Query(description="every coded mention instead of the deduplicated events")
]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"rows per page (1-{MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip")]
