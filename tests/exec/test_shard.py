"""Shards: planning by line range, run_shard's skip and resume, retries, and a killed ingest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsevents.cli import main
from newsevents.config import load_config
from newsevents.exec.local import LocalExecutor
from newsevents.exec.plan import ShardTask, plan_shards, read_shard
from newsevents.exec.shard import run_shard
from newsevents.ingest.readers import read_sources
from newsevents.pipeline import Pipeline, default_pipeline
from newsevents.store.layout import read_manifest
from newsevents.store.reader import Store

PLACES = ["Lima", "Quito", "Bogota", "La Paz", "Santiago", "Asuncion", "Caracas", "Montevideo"]


def _corpus(path: Path, n: int) -> Path:
    """n short reports written for this test, one of them without an id, one malformed."""
    lines = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        record = {
            "id": f"doc-{i:02d}",
            "published": f"2024-04-{i % 28 + 1:02d}",
            "text": f"The foreign ministers of Chile and Peru met in {place} on report "
            f"{i} to discuss trade. Peru accused Chile of delaying the talks.",
        }
        if i == 3:
            del record["id"]
        lines.append(json.dumps(record))
    lines.insert(5, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_shard_plan_cuts_line_ranges_that_read_like_the_whole_file(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 9)
    specs = plan_shards([str(corpus)], "auto", 4, None, 10_000)
    assert [s.documents for s in specs] == [4, 4, 2]
    assert [s.id for s in plan_shards([str(corpus)], "auto", 4, None, 10_000)] == [
        s.id for s in specs
    ]
    assert len({s.id for s in specs}) == 3
    config = load_config()
    sliced = [src for s in specs for src, _ in read_shard(ShardTask(s, str(tmp_path), config))]
    whole = list(read_sources([str(corpus)], "auto", None, 10_000))
    assert [(s.id, s.origin, s.raw) for s in sliced] == [(s.id, s.origin, s.raw) for s in whole]
    assert sliced[5].error is not None and sliced[5].error.code == "bad_json"
    assert plan_shards([str(corpus)], "auto", 4, "2024-05-01", 10_000)[0].id != specs[0].id


def test_shard_plan_tapers_the_last_shards_for_several_workers(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 60)  # and one line that is not JSON
    even = plan_shards([str(corpus)], "auto", 16, None, 10_000)
    tapered = plan_shards([str(corpus)], "auto", 16, None, 10_000, taper=True)
    assert [s.documents for s in even] == [16, 16, 16, 13]
    sizes = [s.documents for s in tapered]
    assert sum(sizes) == 61 and max(sizes) <= 16
    assert sizes[-1] < 16 and sizes[-2] <= 8, "the last shards shrink"
    config = load_config()
    tasks = [ShardTask(s, str(tmp_path), config) for s in tapered]
    sliced = [src for task in tasks for src, _ in read_shard(task)]
    whole = list(read_sources([str(corpus)], "auto", None, 10_000))
    assert [(s.id, s.origin, s.raw) for s in sliced] == [(s.id, s.origin, s.raw) for s in whole]
    again = plan_shards([str(corpus)], "auto", 16, None, 10_000, taper=True)
    assert [s.id for s in again] == [s.id for s in tapered], "the same input, the same shards"


def test_shard_plan_groups_files(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Chile and Peru met in Lima, report {i}.", "utf-8")
    specs = plan_shards([str(tmp_path)], "auto", 2, None, 10_000)
    assert [s.documents for s in specs] == [2, 2, 1]
    assert all(p.end is None for s in specs for p in s.slices)
    for i in range(5, 40):
        (tmp_path / f"{i}.txt").write_text(f"Chile and Peru met in Lima, report {i}.", "utf-8")
    tapered = plan_shards([str(tmp_path)], "auto", 16, None, 10_000, taper=True)
    sizes = [s.documents for s in tapered]
    assert sum(sizes) == 40 and max(sizes) < 16 and len(sizes) > 3  # evenly: 16, 16, 8


class CountingFactory:
    """The real pipeline, built on demand, counting how often it was asked for."""

    def __init__(self) -> None:
        self.calls = 0
        self.pipeline: Pipeline | None = None

    def __call__(self) -> Pipeline:
        self.calls += 1
        if self.pipeline is None:
            self.pipeline = default_pipeline(load_config())
        return self.pipeline


def test_shard_run_writes_a_marker_and_is_skipped_once_finished(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 3)
    (spec,) = plan_shards([str(corpus)], "auto", 10, None, 10_000)
    task = ShardTask(spec, str(tmp_path / "db"), load_config())
    factory = CountingFactory()
    marker = run_shard(task, factory)
    assert marker["coded"] == 3 and marker["failed"] == 1 and marker["events"] > 0
    assert all((tmp_path / "db" / f).is_file() for files in marker["files"].values() for f in files)
    calls = factory.calls
    assert run_shard(task, factory) == marker and factory.calls == calls, (
        "a finished shard is not run"
    )


def test_shard_failing_is_retried_then_reported(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 2)
    (spec,) = plan_shards([str(corpus)], "auto", 10, None, 10_000)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the store should be", "utf-8")
    good = ShardTask(spec, str(tmp_path / "db"), load_config(workers=2))
    bad = ShardTask(spec, str(blocked), load_config(workers=2))
    for workers in (1, 2):
        outcomes = list(
            LocalExecutor(load_config(workers=workers)).run_shards([bad, good], retries=1)
        )
        by_store = {o.task.store: o for o in outcomes}
        assert by_store[str(blocked)].marker is None and by_store[str(blocked)].attempts == 2
        assert "not-a-folder" in (by_store[str(blocked)].error or "")
        assert by_store[good.store].marker is not None and by_store[good.store].error is None


def test_shard_killed_ingest_resumes_without_losing_or_duplicating(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 14)
    # the malformed line last: in the one shard that cannot have been committed before the
    # kill, so that the re-run is the one to report it (else it is stored and skipped)
    lines = corpus.read_text("utf-8").splitlines()
    lines.remove("{not json")
    corpus.write_text("\n".join([*lines, "{not json"]) + "\n", "utf-8")
    db = tmp_path / "db"
    command = [
        sys.executable,
        "-m",
        "newsevents.cli",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--shard-size",
        "2",
    ]
    proc = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 240
    while len(read_manifest(db)["shards"]) < 2 and proc.poll() is None:
        assert time.monotonic() < deadline, "the ingest made no progress"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    committed = len(read_manifest(db)["shards"])
    assert 2 <= committed < 8, "killed partway"
    assert main(["ingest", str(corpus), "--db", str(db), "--shard-size", "2"]) == 1  # bad_json
    with Store(db) as store:
        counts = store.rows("SELECT id, count(*) AS n FROM documents_all GROUP BY id")
        assert len(counts) == 15 and all(r["n"] == 1 for r in counts), "each document stored once"
        events = store.rows("SELECT id, count(*) AS n FROM events_all GROUP BY id")
        assert events and all(r["n"] == 1 for r in events), "each event stored once"
        assert len(read_manifest(db)["shards"]) == 8
        assert store.dedup_is_current()
    assert main(["ingest", str(corpus), "--db", str(db), "--shard-size", "2"]) == 0
    assert len(read_manifest(db)["shards"]) == 8, "a finished input adds nothing"


@pytest.mark.parametrize("workers", [2])
def test_shard_ingest_with_workers_matches_one_process(tmp_path: Path, workers: int) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 6)
    results = []
    for n in (1, workers):
        db = tmp_path / f"db{n}"
        assert (
            main(["ingest", str(corpus), "--db", str(db), "--shard-size", "2", "--workers", str(n)])
            == 1
        )
        with Store(db) as store:
            results.append(
                sorted(
                    (e["id"], e["type"], e["date"], e["event_json"])
                    for e in store.iter_events(deduplicated=False)
                )
            )
    assert results[0] == results[1] and results[0]
