"""The derived tables of deduplication: unique events and mention -> event links.

They are recomputed from the live events after each ingest and written under a new folder
`dedup/<manifest version>/`, so a reader of the previous snapshot keeps its files.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsevents.dedup import DedupParams, deduplicate
from newsevents.store.rows import CODING_FIELDS, EVENT_SCHEMA, LOCATION_FIELDS, SLOT_FIELDS, columns
from newsevents.store.shardfiles import write_table

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


def write_dedup(
    root: Path, version: int, rows: list[dict[str, Any]], params: DedupParams
) -> dict[str, Any]:
    """Cluster `rows` (live events) and write the two tables; returns the manifest entry."""
    events, links = deduplicate(rows, params)
    folder = Path("dedup") / str(version)
    files = {
        "unique_events": str(folder / "unique_events.parquet"),
        "mention_links": str(folder / "mention_links.parquet"),
    }
    write_table(root / files["unique_events"], events, UNIQUE_SCHEMA)
    write_table(root / files["mention_links"], links, LINK_SCHEMA)
    return {
        "files": files,
        "version": version,
        "unique_events": len(events),
        "mentions": len(links),
        "params": dataclasses.asdict(params),
    }


def remove_old_dedup(root: Path, keep: set[str]) -> None:
    """Delete dedup folders other than `keep` (the live one and the one before it)."""
    base = root / "dedup"
    if base.is_dir():
        for folder in base.iterdir():
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)
