"""The documents a store holds, as one small file that an ingest's shards look up.

A shard skips the documents the store already holds with the same content. Asking the
store itself costs every shard a view over every file of the store, so a shard's time and
memory would grow with the store. Instead an ingest writes, once before its shards run, the
id, content hash and error code of every live document, sorted by id in small row groups:
a shard then reads only the row groups whose id range holds one of its ids.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsevents.store.layout import discard, temporary_path

if TYPE_CHECKING:  # shards read the snapshot without DuckDB (18 MB in every worker)
    from newsevents.store.reader import Store

KNOWN_SCHEMA = pa.schema([("id", pa.string()), ("content_hash", pa.string()),
                          ("error_code", pa.string())])  # fmt: skip
_ROW_GROUP = 4096  # rows; a shard's lookup reads at most one group per id it holds
_BATCH = 65536  # rows fetched from DuckDB at a time while writing


def write_known(store: Store, path: Path) -> int:
    """Write the store's live documents (id, content hash, error code) to `path`; their count."""
    reader = store.record_batches(
        "SELECT id, content_hash, error_code FROM documents ORDER BY id", _BATCH
    )
    tmp = temporary_path(path)
    written = 0
    try:
        with pq.ParquetWriter(tmp, KNOWN_SCHEMA, compression="zstd") as out:
            for batch in reader:
                out.write_table(pa.Table.from_batches([batch]), row_group_size=_ROW_GROUP)
                written += batch.num_rows
        tmp.replace(path)
    except BaseException:
        discard(tmp)
        raise
    return written


def read_known(path: Path, ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """Stored id -> (content hash, error code) for those of `ids` in the file at `path`."""
    wanted = pa.array(sorted(set(ids)), pa.string())
    table = pq.read_table(path, filters=pc.field("id").isin(wanted), schema=KNOWN_SCHEMA)
    return {row["id"]: (row["content_hash"], row["error_code"]) for row in table.to_pylist()}
