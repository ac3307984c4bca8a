"""Writing rows of the store (events, aggregates, documents) in every output format.

Text formats go to a text stream; Parquet needs a binary one. List values (actor names,
countries, ...) are kept as lists in JSON Lines and Parquet, and joined with ';' in CSV and
in the table.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, BinaryIO, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.export.gdelt import write_gdelt
from newsevents.export.icews import write_icews
from newsevents.export.plover import plover_record
from newsevents.export.rows import sentence_analysis, stored_event

LIST_SEPARATOR = ";"
BINARY_FORMATS = frozenset({"parquet"})


def flat(value: Any) -> str:
    """A value as one CSV or table cell."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(flat(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def write_csv(rows: Iterable[Mapping[str, Any]], out: TextIO, columns: Sequence[str]) -> int:
    writer = csv.writer(out)
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([flat(row.get(c)) for c in columns])
        n += 1
    return n


def write_jsonl(rows: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def write_plover(rows: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """PLOVER-strict JSON Lines, one record per (unique) event row with `event_json`."""
    return write_jsonl(
        (plover_record(sentence_analysis(r), {**stored_event(r), "sentence": 0}) for r in rows), out
    )


def write_parquet(table: pa.Table, out: BinaryIO) -> int:
    pq.write_table(table, out, compression="zstd")
    return table.num_rows


def format_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], width: int = 40) -> str:
    """Aligned text columns, each cell cut to `width` characters; '(none)' when empty."""
    cells = [[flat(r.get(c)) for c in columns] for r in rows]
    cells = [[v if len(v) <= width else v[: width - 1] + "…" for v in line] for line in cells]
    sizes = [max([len(c)] + [len(line[i]) for line in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.upper().ljust(s) for c, s in zip(columns, sizes, strict=True))]
    lines += ["  ".join(v.ljust(s) for v, s in zip(line, sizes, strict=True)) for line in cells]
    return "\n".join(line.rstrip() for line in lines) + ("" if rows else "\n(none)")


TEXT_WRITERS = {
    "plover": write_plover,
    "gdelt": write_gdelt,
    "icews": write_icews,
    "jsonl": write_jsonl,
}
