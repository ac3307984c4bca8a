"""Reading a store: DuckDB over the Parquet files that the manifest lists.

A `Store` holds one snapshot (one manifest version); `refresh()` moves it to the newest.
The writer never changes a file a snapshot lists, so reading never waits for writing.
Views:
- `documents`: the live version of each document (the last coded, by `coded_at`);
- `events`: every coded event (mention) of a live document version;
- `unique_events`, `mention_links`: the deduplicated events and mention -> event links.
Every method takes validated values and binds them as parameters. With `cache=True` the
snapshot is copied into DuckDB's memory once, for a long-lived process serving many queries.
A shard whose files cannot be read is set aside and listed in `damaged` (store/damage.py):
the store answers from the rest rather than not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.store.damage import find_damaged, warn_damaged, without_damaged
from newsevents.store.layout import read_manifest
from newsevents.store.query import AGGREGATIONS, MAX_PAGE, EventFilter, QueryError, positive_int
from newsevents.store.rows import DOCUMENT_SCHEMA, EVENT_SCHEMA, SCHEMA_ID
from newsevents.store.uniques import LINK_SCHEMA, UNIQUE_SCHEMA

_LIVE_VIEWS = {
    "documents": "SELECT * FROM documents_all QUALIFY row_number() OVER "
    "(PARTITION BY id ORDER BY coded_at DESC, shard DESC) = 1",
    "events": "SELECT e.* FROM events_all e SEMI JOIN documents d "
    "ON e.doc_id = d.id AND e.shard = d.shard",
}
# unique events with what exporters need of their representative mention
_EVIDENCE_VIEW = (
    "SELECT u.*, e.event_json, e.coded_at, e.source FROM unique_events u "
    "LEFT JOIN events e ON e.id = u.representative"
)
DOCUMENT_COLUMNS = (
    "id",
    "content_hash",
    "published",
    "source",
    "event_count",
    "error_code",
    "error_message",
    "title",
    "origin",
)
T = TypeVar("T")
# what reading a damaged Parquet file raises, from DuckDB's reader or Arrow's
_READ_ERRORS = (duckdb.Error, pa.ArrowException, OSError)
_AGGREGATE_SQL = {
    "dyad_month": """
        WITH f AS (SELECT id, month, intensity, actor_countries, recipient_countries
                   FROM {table} WHERE {where}),
        a AS (SELECT id, month, intensity, recipient_countries,
                     unnest(if(len(actor_countries) = 0, [NULL::VARCHAR], actor_countries))
                     AS actor_country FROM f),
        d AS (SELECT id, month, intensity, actor_country,
                     unnest(if(len(recipient_countries) = 0, [NULL::VARCHAR],
                               recipient_countries)) AS recipient_country FROM a)
        SELECT actor_country, recipient_country, month, count(*) AS events,
               round(sum(intensity), 3) AS intensity
        FROM d GROUP BY ALL ORDER BY month, events DESC, actor_country, recipient_country""",
    "country_type": """
        WITH c AS (SELECT id, type, intensity,
                          unnest(list_distinct(actor_countries || recipient_countries)) AS country
                   FROM {table} WHERE {where})
        SELECT country, type, count(*) AS events, round(sum(intensity), 3) AS intensity
        FROM c GROUP BY ALL ORDER BY events DESC, country, type""",
}


class Store:
    """A read-only snapshot of the store at `root`."""

    def __init__(self, root: str | Path, cache: bool = False) -> None:
        self.root = Path(root)
        self.cache = cache
        self._con = duckdb.connect(":memory:")
        self.manifest: dict[str, Any] = {}
        self.damaged: list[dict[str, str]] = []  # files set aside, with the reader's error
        self._load(read_manifest(self.root))

    def close(self) -> None:
        self._con.close()

    def limit_memory(self, limit: str | None, spill: Path | None = None) -> None:
        """Bound what DuckDB holds ("256MB"; None: its default, 80% of the machine's
        memory); past the bound, sorts and joins spill to the folder `spill`."""
        cursor = self._cursor()
        if limit is None:
            cursor.execute("RESET memory_limit")
            return
        cursor.execute(f"SET memory_limit = '{limit}'")
        if spill is not None:
            cursor.execute("SET temp_directory = ?", [str(spill)])

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return int(self.manifest.get("version", 0))

    def refresh(self) -> bool:
        """Move to the newest snapshot; True when it changed."""
        manifest = read_manifest(self.root)
        if manifest.get("version") == self.manifest.get("version"):
            return False
        self._load(manifest)
        return True

    def dedup_is_current(self) -> bool:
        """Whether the unique events were computed over every committed shard."""
        dedup = self.manifest.get("dedup") or {}
        return dedup.get("shards") == len(self.manifest["shards"])

    def _load(self, manifest: dict[str, Any]) -> None:
        """Serve `manifest`, less the shards whose files turn out to be damaged."""
        # shards the writer uncommitted as damaged, until an ingest codes them again
        uncommitted = list(manifest.get("damaged", {}).values())
        try:
            self._load_files(manifest)
            self.manifest, self.damaged = manifest, uncommitted
        except _READ_ERRORS:
            self.damaged = uncommitted
            if not self._set_aside(manifest):
                raise

    def _set_aside(self, manifest: dict[str, Any]) -> bool:
        """Serve `manifest` without its damaged files; False (nothing changed) when none is."""
        damaged = find_damaged(self.root, manifest)
        if not damaged:
            return False
        warn_damaged(self.root, damaged)
        served = without_damaged(manifest, damaged)
        self._load_files(served)
        self.manifest, self.damaged = served, [*self.damaged, *damaged]
        return True

    def _load_files(self, manifest: dict[str, Any]) -> None:
        shards = manifest["shards"].values()
        for name, table, schema in (
            ("documents_all", "documents", DOCUMENT_SCHEMA),
            ("events_all", "events", EVENT_SCHEMA),
        ):
            # files written by this version share one schema; older shards' files may lack
            # newer columns, and only theirs are reconciled one by one (union_by_name)
            files: dict[bool, list[str]] = {True: [], False: []}
            for shard in shards:
                files[shard.get("schema") == SCHEMA_ID] += shard["files"][table]
            self._source(name, files[True], files[False], schema)
        dedup = manifest.get("dedup") or {}
        for name, schema in (("unique_events", UNIQUE_SCHEMA), ("mention_links", LINK_SCHEMA)):
            self._source(name, [dedup["files"][name]] if dedup else [], [], schema)
        for name, sql in _LIVE_VIEWS.items():
            kind = "TABLE" if self.cache else "VIEW"
            self._con.execute(f"DROP VIEW IF EXISTS {name}; DROP TABLE IF EXISTS {name}")
            self._con.execute(f"CREATE {kind} {name} AS {sql}")
        self._con.execute(f"CREATE OR REPLACE VIEW unique_events_evidence AS {_EVIDENCE_VIEW}")

    def _source(self, name: str, current: list[str], older: list[str], schema: pa.Schema) -> None:
        """View (or cached table) `name` over the files of this version and older ones."""
        self._con.execute(f"DROP VIEW IF EXISTS {name}; DROP TABLE IF EXISTS {name}")
        paths = {
            reconcile: [str(self.root / f) for f in group]
            for reconcile, group in ((False, current), (True, older))
            if group
        }
        if paths and not self.cache:
            parts = [self._con.read_parquet(p, union_by_name=r) for r, p in paths.items()]
            view = parts[0] if len(parts) == 1 else parts[0].union_by_name(parts[1])
            view.create_view(name, replace=True)
            return
        # an empty table of the right shape, or the cached copy of the files
        data = (
            pa.concat_tables([pq.read_table(f, schema=schema) for g in paths.values() for f in g])
            if paths
            else schema.empty_table()
        )
        self._con.register("_incoming", data)
        self._con.execute(f"CREATE TABLE {name} AS SELECT * FROM _incoming")
        self._con.unregister("_incoming")

    # -- queries -------------------------------------------------------------------------

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        return self._con.cursor()  # one per call: safe to use from several threads

    def _retrying(self, query: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run a query; a file found damaged only now (read lazily) is set aside, then again."""
        try:
            return query(self._cursor())
        except duckdb.OutOfMemoryException:
            raise  # a bound on memory, not a damaged file: no file is read again to check
        except duckdb.Error:
            if self.cache or not self._set_aside(self.manifest):
                raise
            return query(self._cursor())

    def _execute(self, sql: str, params: list[Any] | None) -> duckdb.DuckDBPyConnection:
        return self._retrying(lambda cursor: cursor.execute(sql, params or []))

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows of a query as dicts (for callers inside newsevents; SQL is never user text)."""
        cursor = self._execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def arrow(self, sql: str, params: list[Any] | None = None) -> pa.Table:
        return self._retrying(lambda c: c.sql(sql, params=params or []).to_arrow_table())

    def record_batches(self, sql: str, size: int) -> pa.RecordBatchReader:
        """A query's rows as Arrow batches of `size` rows, fetched as they are read."""
        return self._retrying(lambda c: c.sql(sql).to_arrow_reader(size))

    def events(
        self,
        where: EventFilter | None = None,
        limit: int = 50,
        offset: int = 0,
        deduplicated: bool = True,
    ) -> list[dict[str, Any]]:
        """A page of events (unique events, or every mention), newest first."""
        sql, params = self._select(where, deduplicated)
        limit = positive_int("limit", limit, MAX_PAGE)
        offset = positive_int("offset", offset)
        return self.rows(
            f"{sql} ORDER BY date DESC NULLS LAST, id LIMIT ? OFFSET ?", [*params, limit, offset]
        )

    def count(self, where: EventFilter | None = None, deduplicated: bool = True) -> int:
        sql, params = self._select(where, deduplicated, "count(*) AS n")
        return int(self.rows(sql, params)[0]["n"])

    def iter_events(
        self,
        where: EventFilter | None = None,
        deduplicated: bool = True,
        with_evidence: bool = False,
        batch: int = 1000,
    ) -> Iterator[dict[str, Any]]:
        """Every matching event in a stable order (date, id), fetched in batches.

        `with_evidence` adds the representative mention's `event_json`, `coded_at` and
        `source` to unique events (what the exporters need to rebuild the coded record).
        """
        sql, params = self._select(where, deduplicated, evidence=with_evidence)
        cursor = self._execute(f"{sql} ORDER BY date NULLS LAST, id", params)
        names = [d[0] for d in cursor.description]
        while chunk := cursor.fetchmany(batch):
            yield from (dict(zip(names, row, strict=True)) for row in chunk)

    def events_table(self, where: EventFilter | None = None, deduplicated: bool = True) -> pa.Table:
        sql, params = self._select(where, deduplicated)
        return self.arrow(f"{sql} ORDER BY date NULLS LAST, id", params)

    @staticmethod
    def _select(
        where: EventFilter | None, deduplicated: bool, columns: str = "*", evidence: bool = False
    ) -> tuple[str, list[Any]]:
        table = (
            ("unique_events_evidence" if evidence else "unique_events")
            if deduplicated
            else "events"
        )
        condition, params = (where or EventFilter()).where(deduplicated)
        return f"SELECT {columns} FROM {table} WHERE {condition}", params

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One unique event with every mention (its evidence and provenance), or None."""
        found = self.rows("SELECT * FROM unique_events WHERE id = ?", [str(event_id)])
        if not found:
            return None
        event = found[0]
        event["mentions"] = self.rows(
            "SELECT e.* FROM events e JOIN mention_links l ON l.event_id = e.id "
            "WHERE l.unique_id = ? ORDER BY e.published NULLS LAST, e.id",
            [str(event_id)],
        )
        return event

    def aggregate(
        self, kind: str, where: EventFilter | None = None, deduplicated: bool = True
    ) -> list[dict[str, Any]]:
        """Counts and summed intensity by dyad and month, or by country and type."""
        if kind not in AGGREGATIONS:
            raise QueryError(f"aggregation must be one of {', '.join(AGGREGATIONS)}")
        table = "unique_events" if deduplicated else "events"
        condition, params = (where or EventFilter()).where(deduplicated)
        return self.rows(_AGGREGATE_SQL[kind].format(table=table, where=condition), params)

    def documents(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Stored documents (live versions): id, content hash, published, source, events."""
        sql = f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents ORDER BY id"
        if limit is None:
            return self.rows(sql)
        return self.rows(
            sql + " LIMIT ? OFFSET ?",
            [positive_int("limit", limit, MAX_PAGE), positive_int("offset", offset)],
        )

    def content_hashes(self, ids: list[str]) -> dict[str, tuple[str, str | None]]:
        """Stored id -> (content hash, error code) for those of `ids` in the store."""
        rows = self.rows(
            "SELECT id, content_hash, error_code FROM documents WHERE list_contains(?, id)", [ids]
        )
        return {r["id"]: (r["content_hash"], r["error_code"]) for r in rows}
