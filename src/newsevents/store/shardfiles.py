"""The output of one shard: Parquet files partitioned by month, then its completion marker.

Files are named by shard id, so a shard that is run again (after a crash) overwrites its own
files and never adds a second copy. The marker, written last, lists the files and the stats;
a shard is finished exactly when its marker exists.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.records import Analysis
from newsevents.store.layout import (
    atomic_write_json,
    discard,
    partition_file,
    shard_marker,
    temporary_path,
)
from newsevents.store.rows import (
    DOCUMENT_SCHEMA,
    EVENT_SCHEMA,
    SCHEMA_ID,
    document_row,
    event_row,
)


@dataclass(slots=True)
class CodedDocument:
    """An analysis with what the store adds: the content hash and the publisher."""

    analysis: Analysis
    content_hash: str
    source: str | None = None


def write_table(path: Path, rows: Sequence[dict[str, Any]], schema: pa.Schema) -> None:
    """Write rows as one Parquet file, atomically."""
    tmp = temporary_path(path)
    try:
        pq.write_table(pa.Table.from_pylist(list(rows), schema=schema), tmp, compression="zstd")
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise


def _write_partitioned(
    root: Path, table: str, shard_id: str, rows: list[dict[str, Any]], schema: pa.Schema
) -> list[str]:
    by_month: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_month[row["month"]].append(row)
    written = []
    for month in sorted(by_month):
        path = partition_file(root, table, month, shard_id)
        write_table(path, by_month[month], schema)
        written.append(str(path.relative_to(root)))
    return written


def write_shard(
    root: Path, shard_id: str, documents: Sequence[CodedDocument], stats: dict[str, Any]
) -> dict[str, Any]:
    """Write the documents and events of a shard, then its marker; returns the marker."""
    coded_at = datetime.now(UTC).isoformat(timespec="microseconds")
    doc_rows, event_rows = [], []
    for doc in documents:
        a = doc.analysis
        doc_rows.append(document_row(a, doc.content_hash, shard_id, coded_at, doc.source))
        event_rows += [event_row(a, e, shard_id, coded_at, doc.source) for e in a.events]
    files = {
        "documents": _write_partitioned(root, "documents", shard_id, doc_rows, DOCUMENT_SCHEMA),
        "events": _write_partitioned(root, "events", shard_id, event_rows, EVENT_SCHEMA),
    }
    marker = {"shard": shard_id, "coded_at": coded_at, "files": files, "schema": SCHEMA_ID, **stats}
    atomic_write_json(shard_marker(root, shard_id), marker)
    return marker


def read_marker(root: Path, shard_id: str) -> dict[str, Any] | None:
    """The marker of a finished shard, or None (absent or torn: the shard runs again)."""
    path = shard_marker(root, shard_id)
    try:
        marker = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) and marker.get("shard") == shard_id else None
