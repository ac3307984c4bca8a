"""What a store must look like after any fault and its recovery, and helpers to run ingests."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.store.layout import read_manifest
from newsevents.store.reader import Store

SHARD_SIZE = "2"


def ingest_command(corpus: Path, db: Path, *flags: str) -> list[str]:
    return [
        sys.executable, "-m", "newsevents.cli", "ingest", str(corpus), "--db", str(db),
        "--shard-size", SHARD_SIZE, *flags,
    ]  # fmt: skip


@dataclass(frozen=True)
class Content:
    """What a store holds, in a form two stores can be compared by."""

    documents: tuple[tuple[str, str, str | None], ...]  # id, content hash, error code
    events: tuple[tuple[str, str, str], ...]  # id, type, coded record
    unique_events: int


def content(db: Path) -> Content:
    """The live content of the store, after checking that nothing is stored twice and
    that the store answers the queries a user runs."""
    with Store(db) as store:
        assert not store.damaged, store.damaged
        copies = Counter(r["id"] for r in store.rows("SELECT id FROM documents_all"))
        assert copies and max(copies.values()) == 1, "every document is coded exactly once"
        events = store.rows("SELECT id, type, event_json FROM events_all ORDER BY id")
        assert len({e["id"] for e in events}) == len(events), "every event is stored once"
        assert store.dedup_is_current()
        assert store.count() > 0 and store.aggregate("country_type")
        assert len(store.events(limit=5)) == 5
        documents = store.rows("SELECT id, content_hash, error_code FROM documents ORDER BY id")
        return Content(
            tuple((d["id"], d["content_hash"], d["error_code"]) for d in documents),
            tuple((e["id"], e["type"], e["event_json"]) for e in events),
            store.count(),
        )


def temporary_files(db: Path) -> list[Path]:
    return [p for p in db.rglob(".*.tmp")]


def committed_shards(db: Path) -> int:
    try:
        return len(read_manifest(db)["shards"])
    except Exception:  # torn or absent while the writer works: nothing to count yet
        return 0


@dataclass
class Timing:
    """When an uninterrupted ingest first writes to the store, and when it ends (seconds)."""

    first_write: float
    total: float


def timed_ingest(corpus: Path, db: Path) -> Timing:
    """Run an ingest to the end, noting when its first shard file appears."""
    started = time.monotonic()
    proc = subprocess.Popen(ingest_command(corpus, db), stderr=subprocess.DEVNULL)
    first_write = None
    while proc.poll() is None:
        if first_write is None and (db / "documents").exists():
            first_write = time.monotonic() - started
        time.sleep(0.01)
    assert proc.returncode == 0
    total = time.monotonic() - started
    return Timing(first_write if first_write is not None else total, total)


def kill_group(proc: subprocess.Popen[Any]) -> None:
    """SIGKILL the process and every process it started (its session)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def last_report(db: Path) -> dict[str, Any]:
    run_id = read_manifest(db)["runs"][-1]
    return json.loads((db / "runs" / f"{run_id}.json").read_text("utf-8"))  # type: ignore[no-any-return]
