"""A small store for export tests (the hand-made reports of tests/store/store_fixtures.py)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from store_fixtures import build_store

from newsevents.cli import main
from newsevents.store.reader import Store

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "formats"


def exported(tmp_path: Path, fmt: str, *flags: str) -> tuple[Path, list[dict[str, Any]]]:
    """Export the sample store in `fmt`; the file and the store's rows in export order."""
    db = build_store(tmp_path / "db")
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--db", str(db), "--format", fmt, "--output", str(out), *flags]) == 0
    with Store(db) as store:
        rows = list(store.iter_events(deduplicated="--mentions" not in flags, with_evidence=True))
    assert rows
    return out, rows


def round_trip(
    tmp_path: Path, fmt: str, read: Callable[[list[str]], list[dict[str, str]]]
) -> list[tuple[dict[str, str], dict[str, Any], dict[str, Any]]]:
    """(record read back, store row, the row's coded event) for every exported event."""
    out, rows = exported(tmp_path, fmt)
    records = read(out.read_text(encoding="utf-8").splitlines(keepends=True))
    assert len(records) == len(rows)
    return [
        (rec, row, json.loads(row["event_json"])) for rec, row in zip(records, rows, strict=True)
    ]
