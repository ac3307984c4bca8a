"""The derived tables of deduplication: unique events and mention -> event links.

They are recomputed from the live events after each ingest and written under a new folder
`dedup/<manifest version>/`, so a reader of the previous snapshot keeps its files.

The events are read twice, in batches, and never held all at once: the first pass keeps of
each mention only what grouping compares (dedup/grouping.py: terms, not sentences; exact
copies once) and its id; the second reads the mentions again sorted by group (DuckDB sorts,
spilling to disk if it must) and writes each unique event as soon as its group is read.
Memory grows with the number of distinct mentions, not with the size of the rows.
It is not incremental on purpose: a new mention changes the rarity of words (IDF) and may
come first in the order of merges, so comparing only the new mentions with the old groups
would not give the grouping of the whole store; recomputing costs time linear in the events.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsevents.dedup import DedupParams, mention_from_row
from newsevents.dedup.grouping import Clusterer
from newsevents.dedup.unique import event_and_links
from newsevents.store.layout import discard, temporary_path
from newsevents.store.rows import CODING_FIELDS, EVENT_SCHEMA, LOCATION_FIELDS, SLOT_FIELDS, columns

if TYPE_CHECKING:
    from newsevents.store.reader import Store

_STR = pa.string()

UNIQUE_SCHEMA = pa.schema([
    ("id", _STR), *CODING_FIELDS, *columns(_STR, "date", "date_precision", "month"),
    *SLOT_FIELDS, *LOCATION_FIELDS,
    *columns(pa.int32(), "num_mentions", "num_articles", "num_sources"),
    ("sources", pa.list_(_STR)),
    *columns(_STR, "first_report", "last_report", "representative", "doc_id", "url",
             "sentence_text", "trigger_text"),
])  # fmt: skip
LINK_SCHEMA = pa.schema(columns(_STR, "unique_id", "event_id"))

# what deduplication reads of each live event: everything but storage and offsets
MENTION_COLUMNS = tuple(
    name for name in EVENT_SCHEMA.names
    if name not in {"shard", "coded_at", "month", "sentence", "sentence_start", "trigger_start",
                    "trigger_end", "rule", "attributed_to", "provenance_json"}
)  # fmt: skip


# what grouping reads of a mention (cluster.mention_from_row), and what summarising reads
_GROUPING_COLUMNS = ("id", "doc_id", "type", "aux", "date", "published", "event_json",
                     "location_country", "lat", "lon", "geonameid", "sentence_text")  # fmt: skip
_SUMMARY_COLUMNS = tuple(name for name in MENTION_COLUMNS if name != "event_json")
_BATCH = 5000
# DuckDB would take up to 80% of the machine's memory for the join and the sort, and the
# writer's memory would grow with the store: bounded, they spill to disk instead. Measured on
# 280,440 mentions (20,000 documents): the writer peaked at 587 MB with this bound, 798 MB
# without, in the same time. An operator that cannot spill may still fail under the bound:
# the computation then runs again without it.
_DUCKDB_MEMORY = "256MB"
_SPILL = ".dedup-spill"  # under the store's root, removed when done


class _ParquetRows:
    """Rows appended in batches to one Parquet file, moved into place whole on `close`."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path, self.schema, self.count = path, schema, 0
        self.tmp = temporary_path(path)
        try:
            self._writer = pq.ParquetWriter(self.tmp, schema, compression="zstd")
        except BaseException:
            discard(self.tmp)  # a full disk fails the header after the file was created
            raise
        self._pending: list[dict[str, Any]] = []

    def add(self, rows: list[dict[str, Any]]) -> None:
        self._pending += rows
        self.count += len(rows)
        if len(self._pending) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        self._writer.write_table(pa.Table.from_pylist(self._pending, schema=self.schema))
        self._pending = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
        os.replace(self.tmp, self.path)

    def abandon(self) -> None:
        """Remove the partial file, even when the failure that ends the write (a full disk)
        fails closing the writer too."""
        try:
            self._writer.close()
        except OSError:
            pass  # the file is discarded whatever its state
        finally:
            discard(self.tmp)


def _batches(cursor: duckdb.DuckDBPyConnection, sql: str) -> Iterator[list[dict[str, Any]]]:
    reader = cursor.sql(sql).to_arrow_reader(_BATCH)
    for batch in reader:
        yield batch.to_pylist()


def group_labels(cursor: duckdb.DuckDBPyConnection, params: DedupParams) -> pa.Table:
    """(id, label) of every live event; mentions of one event share a label."""
    clusterer = Clusterer(params)
    ids = []
    for rows in _batches(cursor, f"SELECT {', '.join(_GROUPING_COLUMNS)} FROM events"):
        for row in rows:
            clusterer.add(mention_from_row(row))
        ids.append(pa.array([row["id"] for row in rows], pa.string()))
    id_column = pa.chunked_array(ids, pa.string()).combine_chunks()
    # ties are broken in the order of the ids, as when the rows were read sorted by id
    ranks = pc.rank(id_column, options=pc.RankOptions(tiebreaker="first"))
    labels = clusterer.labels(array("q", (rank - 1 for rank in ranks.to_pylist())))
    return pa.table({"id": id_column, "label": pa.array(labels, pa.int64())})


def write_dedup(root: Path, version: int, store: Store, params: DedupParams) -> dict[str, Any]:
    """Cluster the live events of `store` and write the two tables; returns the manifest
    entry. Unique events come in the order of their first mention's id. A file found
    damaged while reading is set aside and the whole computation runs again without it."""
    spill = root / _SPILL
    shutil.rmtree(spill, ignore_errors=True)  # a killed writer's
    store.limit_memory(_DUCKDB_MEMORY, spill)

    def compute() -> dict[str, Any]:
        return store._retrying(lambda cursor: _write_dedup(root, version, cursor, params))

    try:
        return compute()
    except duckdb.OutOfMemoryException:
        store.limit_memory(None)
        return compute()
    finally:
        shutil.rmtree(spill, ignore_errors=True)


def _write_dedup(
    root: Path, version: int, cursor: duckdb.DuckDBPyConnection, params: DedupParams
) -> dict[str, Any]:
    labels = group_labels(cursor, params)
    folder = Path("dedup") / str(version)
    files = {
        "unique_events": str(folder / "unique_events.parquet"),
        "mention_links": str(folder / "mention_links.parquet"),
    }
    events = _ParquetRows(root / files["unique_events"], UNIQUE_SCHEMA)
    try:
        links = _ParquetRows(root / files["mention_links"], LINK_SCHEMA)
    except BaseException:
        events.abandon()  # a full disk may fail opening the second file
        raise
    cursor.register("dedup_labels", labels)
    columns = ", ".join(f"e.{name}" for name in _SUMMARY_COLUMNS)
    # one label per id: rows sharing an id (never written by the coder) stay one event
    sql = (f"SELECT {columns}, g.label FROM events e JOIN (SELECT id, min(label) AS label "
           "FROM dedup_labels GROUP BY id) g ON e.id = g.id ORDER BY g.label, e.id")  # fmt: skip
    try:
        group: list[dict[str, Any]] = []
        for rows in _batches(cursor, sql):
            for row in rows:
                if group and group[0]["label"] != row["label"]:
                    _write_group(group, events, links)
                    group = []
                group.append(row)
        if group:
            _write_group(group, events, links)
        events.close()
        links.close()
    except BaseException:
        events.abandon()
        links.abandon()
        raise
    finally:
        cursor.unregister("dedup_labels")
    return {
        "files": files,
        "version": version,
        "unique_events": events.count,
        "mentions": links.count,
        "params": dataclasses.asdict(params),
    }


def _write_group(group: list[dict[str, Any]], events: _ParquetRows, links: _ParquetRows) -> None:
    event, linked = event_and_links(group)
    events.add([event])
    links.add(linked)


def remove_old_dedup(root: Path, keep: set[str]) -> None:
    """Delete dedup folders other than `keep` (the live one and the one before it)."""
    base = root / "dedup"
    if base.is_dir():
        for folder in base.iterdir():
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)
