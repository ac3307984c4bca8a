"""Queries the dashboard needs beyond `Store`'s own: a thin adapter over `Store.rows`.

Each query takes its condition from `EventFilter.where()`, whose every user value is a bound
parameter; the SQL text here is constant. Candidates for `store/reader.py` when the store
grows them: the type x month and location aggregations, and the actor network.
"""

from __future__ import annotations

from typing import Any

from newsevents.store.query import AGGREGATIONS, EventFilter, QueryError
from newsevents.store.reader import Store

# aggregations over the same filtered rows as the store's, for the timeline and the map
_EXTRA_AGGREGATES = {
    "type_month": """
        SELECT month, type, count(*) AS events, round(sum(intensity), 3) AS intensity
        FROM {table} WHERE {where} GROUP BY ALL ORDER BY month, type""",
    "location": """
        SELECT location_name, location_country, lat, lon, count(*) AS events,
               round(sum(intensity), 3) AS intensity
        FROM {table} WHERE {where} GROUP BY ALL ORDER BY events DESC, location_name""",
}
AGGREGATE_KINDS = (*AGGREGATIONS, *_EXTRA_AGGREGATES)

# one row per (event, slot, actor name); a slot with one name gives that name its country
_SLOT_NAMES = """
    WITH f AS (SELECT id, intensity, actor_names, actor_countries, actor_sectors,
                      recipient_names, recipient_countries, recipient_sectors
               FROM {table} WHERE {where}),
    s AS (SELECT id, 'actor' AS slot, unnest(actor_names) AS name,
                 if(len(actor_names) = 1, actor_countries[1], NULL) AS country,
                 if(len(actor_names) = 1, actor_sectors[1], NULL) AS sector FROM f
          UNION ALL
          SELECT id, 'recipient', unnest(recipient_names),
                 if(len(recipient_names) = 1, recipient_countries[1], NULL),
                 if(len(recipient_names) = 1, recipient_sectors[1], NULL) FROM f)"""
_ACTORS_SQL = (
    _SLOT_NAMES
    + """
    SELECT name, mode(country) AS country, mode(sector) AS sector,
           count(DISTINCT id) AS events,
           count(*) FILTER (WHERE slot = 'actor') AS as_actor,
           count(*) FILTER (WHERE slot = 'recipient') AS as_recipient
    FROM s WHERE name <> '' GROUP BY name ORDER BY events DESC, name LIMIT ?"""
)
_LINKS_SQL = """
    WITH f AS (SELECT id, intensity, actor_names, recipient_names FROM {table} WHERE {where}),
    a AS (SELECT id, intensity, unnest(actor_names) AS actor, recipient_names FROM f),
    d AS (SELECT id, intensity, actor, unnest(recipient_names) AS recipient FROM a)
    SELECT actor, recipient, count(*) AS events, round(sum(intensity), 3) AS intensity
    FROM d WHERE list_contains(?, actor) AND list_contains(?, recipient) AND actor <> recipient
    GROUP BY ALL ORDER BY events DESC, actor, recipient"""


def _table(deduplicated: bool) -> str:
    return "unique_events" if deduplicated else "events"


def aggregate(
    store: Store, kind: str, where: EventFilter, deduplicated: bool
) -> list[dict[str, Any]]:
    """The store's aggregations, plus `type_month` (timeline) and `location` (map)."""
    if kind in AGGREGATIONS:
        return store.aggregate(kind, where, deduplicated)
    if kind not in _EXTRA_AGGREGATES:
        raise QueryError(f"kind must be one of {', '.join(AGGREGATE_KINDS)}")
    condition, params = where.where(deduplicated)
    sql = _EXTRA_AGGREGATES[kind].format(table=_table(deduplicated), where=condition)
    return store.rows(sql, params)


def actor_network(
    store: Store, where: EventFilter, deduplicated: bool, limit: int
) -> dict[str, list[dict[str, Any]]]:
    """The `limit` actors in most events, and who acts on whom among them.

    Nodes carry their country and sector when the events name them alone in a slot; links
    are directed (actor -> recipient) with the count and the summed intensity.
    """
    condition, params = where.where(deduplicated)
    table = _table(deduplicated)
    actors = store.rows(_ACTORS_SQL.format(table=table, where=condition), [*params, limit])
    names = [a["name"] for a in actors]
    links = store.rows(_LINKS_SQL.format(table=table, where=condition), [*params, names, names])
    return {"actors": actors, "links": links}


def unique_id_of_mention(store: Store, mention_id: str) -> str | None:
    """The deduplicated event a coded mention belongs to, if any."""
    rows = store.rows(
        "SELECT unique_id FROM mention_links WHERE event_id = ? LIMIT 1", [mention_id]
    )
    return str(rows[0]["unique_id"]) if rows else None


def events_of_documents(store: Store, doc_ids: list[str]) -> dict[str, list[str]]:
    """Document id -> the ids of the deduplicated events its mentions belong to."""
    rows = store.rows(
        "SELECT e.doc_id, list(DISTINCT l.unique_id ORDER BY l.unique_id) AS ids "
        "FROM events e JOIN mention_links l ON l.event_id = e.id "
        "WHERE list_contains(?, e.doc_id) GROUP BY e.doc_id",
        [doc_ids],
    )
    return {r["doc_id"]: list(r["ids"]) for r in rows}


def document_count(store: Store) -> int:
    return int(store.rows("SELECT count(*) AS n FROM documents")[0]["n"])


def document_errors(store: Store, doc_ids: list[str]) -> dict[str, dict[str, str] | None]:
    """Document id -> its stored failure ({code, message}), or None when it was coded."""
    rows = store.rows(
        "SELECT id, error_code, error_message FROM documents WHERE list_contains(?, id)",
        [doc_ids],
    )
    return {
        r["id"]: {"code": r["error_code"], "message": r["error_message"] or ""}
        if r["error_code"]
        else None
        for r in rows
    }
