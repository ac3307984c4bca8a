"""CSV, Parquet and PLOVER exports of a store: each read back and compared with the store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
from export_fixtures import exported

from newsevents.export.formats import LIST_SEPARATOR, flat
from newsevents.export.plover import strict_type


def test_formats_csv_round_trip(tmp_path: Path) -> None:
    out, rows = exported(tmp_path, "csv")
    with open(out, encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert len(records) == len(rows)
    for record, row in zip(records, rows, strict=True):
        assert record["id"] == row["id"] and int(record["num_mentions"]) == row["num_mentions"]
        assert record["actor_countries"].split(LIST_SEPARATOR) == row["actor_countries"]
        assert record["intensity"] == flat(row["intensity"])


def test_formats_parquet_round_trip_keeps_types(tmp_path: Path) -> None:
    out, rows = exported(tmp_path, "parquet")
    table = pq.read_table(out)
    assert table.column("id").to_pylist() == [r["id"] for r in rows]
    assert table.column("actor_countries").to_pylist() == [r["actor_countries"] for r in rows]
    assert table.schema.field("num_sources").type == "int32"


def test_formats_mentions_export_every_coded_event(tmp_path: Path) -> None:
    out, rows = exported(tmp_path, "parquet", "--mentions")
    table = pq.read_table(out)
    assert table.num_rows == len(rows) == 7
    assert sorted(table.column("doc_id").to_pylist()) == sorted(r["doc_id"] for r in rows)


def test_formats_plover_round_trip_is_plover_strict(tmp_path: Path) -> None:
    out, rows = exported(tmp_path, "plover")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(rows)
    for record, row in zip(records, rows, strict=True):
        event = json.loads(row["event_json"])
        assert record["id"] == row["id"] and record["date"] == row["date"]
        assert record["event"] == [strict_type(event)] and record["text"] == row["sentence_text"]
        assert [a["country"] for a in record["actor"]] == [a["country"] for a in event["actor"]]
        assert record["event_text"] == [event["trigger"]["text"]]
        assert "reported" in record["context"] if "reported" in event["aux"] else True
