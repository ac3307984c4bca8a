"""The read routes: /events, /events/{id}, /aggregate, /actors, /filters, /health."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel
from starlette.responses import JSONResponse

from newsevents import __version__
from newsevents.api import queries
from newsevents.api.errors import ERROR_RESPONSES, ApiError
from newsevents.api.evidence import listed, mention_view
from newsevents.api.params import (
    DEFAULT_PAGE,
    FILTER_PARAMS,
    MAX_EVENT_ID,
    PAGE_PARAMS,
    Limit,
    Mentions,
    Offset,
    event_filter,
    only,
)
from newsevents.api.snapshot import Snapshot
from newsevents.events.ontology import PLOVER_TYPES
from newsevents.store.query import AUX_MODES, EventFilter
from newsevents.store.reader import Store

router = APIRouter(responses=ERROR_RESPONSES)
Filter = Annotated[EventFilter, Depends(event_filter)]


def snapshot(request: Request) -> Snapshot:
    found: Snapshot = request.app.state.snapshot
    return found


def store(request: Request) -> Store:
    """The newest snapshot of the store (a dependency)."""
    return snapshot(request).current()


Current = Annotated[Store, Depends(store)]


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    next_offset: int | None
    events: list[dict[str, Any]]


class EventDetail(BaseModel):
    event: dict[str, Any]
    mentions: list[dict[str, Any]]


class Aggregate(BaseModel):
    kind: str
    rows: list[dict[str, Any]]


class Network(BaseModel):
    actors: list[dict[str, Any]]
    links: list[dict[str, Any]]


@router.get(
    "/events",
    summary="A page of events, newest first",
    response_model=None,
    responses={200: {"model": EventPage}},
    dependencies=[Depends(only(*FILTER_PARAMS, *PAGE_PARAMS))],
)
def list_events(
    store: Current, where: Filter, mentions: Mentions = False,
    limit: Limit = DEFAULT_PAGE, offset: Offset = 0,
) -> JSONResponse:  # fmt: skip
    deduplicated = not mentions
    total = store.count(where, deduplicated)
    rows = store.events(where, limit, offset, deduplicated)
    following = offset + len(rows)
    return JSONResponse(
        {
            "total": total,
            "limit": limit,
            "offset": offset,
            "next_offset": following if following < total else None,
            "events": [listed(r) for r in rows],
        }
    )


@router.get(
    "/events/{event_id:path}",
    summary="One event with every mention and its highlighted evidence",
    response_model=None,
    responses={200: {"model": EventDetail}},
    dependencies=[Depends(only())],
)
def get_event(
    store: Current,
    event_id: Annotated[
        str, Path(max_length=MAX_EVENT_ID, description="a unique event id, or a mention id")
    ],
) -> JSONResponse:
    event = store.event(event_id)
    if event is None:
        # a mention's id (as /events?mentions=true lists them) opens its deduplicated event
        unique = queries.unique_id_of_mention(store, event_id)
        event = store.event(unique) if unique else None
    if event is None:
        raise ApiError(404, f"no event {event_id!r} in the store")
    mentions = [mention_view(m) for m in event.pop("mentions")]
    return JSONResponse({"event": listed(event), "mentions": mentions})


@router.get(
    "/aggregate",
    summary="Counts and summed intensity over every matching event",
    description="kind: dyad_month (actor country x recipient country x month), country_type, "
    "type_month (the timeline) or location (the map).",
    response_model=None,
    responses={200: {"model": Aggregate}},
    dependencies=[Depends(only("kind", *FILTER_PARAMS))],
)
def aggregate(
    store: Current,
    where: Filter,
    kind: Annotated[str, Query(description=", ".join(queries.AGGREGATE_KINDS))] = "dyad_month",
    mentions: Mentions = False,
) -> JSONResponse:
    rows = queries.aggregate(store, kind, where, not mentions)
    return JSONResponse({"kind": kind, "rows": rows})


@router.get(
    "/actors",
    summary="The actors in most events and who acts on whom among them",
    response_model=None,
    responses={200: {"model": Network}},
    dependencies=[Depends(only("limit", *FILTER_PARAMS))],
)
def actors(
    store: Current, where: Filter, mentions: Mentions = False, limit: Limit = DEFAULT_PAGE
) -> JSONResponse:
    return JSONResponse(queries.actor_network(store, where, not mentions, limit))


@router.get("/filters", summary="The values the filters accept", dependencies=[Depends(only())])
def filter_values() -> dict[str, Any]:
    return {
        "types": sorted(PLOVER_TYPES),
        "aux": sorted(AUX_MODES),
        "aggregations": list(queries.AGGREGATE_KINDS),
        "parameters": list(FILTER_PARAMS),
    }


@router.get("/health", summary="Whether the server answers, and what it serves",
            dependencies=[Depends(only())])  # fmt: skip
def health(request: Request) -> dict[str, Any]:
    snap = snapshot(request)
    current = snap.current()
    return {
        "status": "ok" if snap.error is None and not current.damaged else "degraded",
        "version": __version__,
        "store": {
            "manifest_version": current.version,
            "shards": len(current.manifest.get("shards", {})),
            "documents": queries.document_count(current),
            "mentions": current.count(deduplicated=False),
            "events": current.count(),
            "dedup_current": current.dedup_is_current(),
            # the newest snapshot failed to load (the server log says why): answers are older
            "stale": snap.error is not None,
            # files that cannot be read, whose shard is left out of every answer (the error
            # text stays in the server log: it may name paths)
            "damaged": [{k: v for k, v in d.items() if k != "error"} for d in current.damaged],
        },
        "writes": request.app.state.token is not None,
    }
