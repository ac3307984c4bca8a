"""The Ray executor on a real local Ray cluster: the same store as the local executor, and a
worker killed halfway loses and duplicates nothing. Reports written for these tests."""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

ray = pytest.importorskip("ray")

from newsevents.cli import main  # noqa: E402
from newsevents.config import Config, load_config  # noqa: E402
from newsevents.exec.local import LocalExecutor  # noqa: E402
from newsevents.exec.plan import ShardTask, plan_shards  # noqa: E402
from newsevents.exec.ray import RayExecutor  # noqa: E402
from newsevents.pipeline import Pipeline, default_pipeline  # noqa: E402
from newsevents.step import Work  # noqa: E402
from newsevents.store.layout import read_manifest, writer_lock  # noqa: E402
from newsevents.store.reader import Store  # noqa: E402
from newsevents.store.writer import StoreWriter  # noqa: E402

PAIRS = [
    ("Kenya", "Uganda", "Nairobi"),
    ("Ghana", "Togo", "Accra"),
    ("Norway", "Sweden", "Oslo"),
    ("Chile", "Argentina", "Santiago"),
    ("Japan", "South Korea", "Tokyo"),
    ("Egypt", "Sudan", "Cairo"),
]


def _corpus(path: Path, n: int) -> Path:
    """n short reports (two events each), plus a malformed line."""
    lines = []
    for i in range(n):
        first, second, city = PAIRS[i % len(PAIRS)]
        lines.append(
            json.dumps(
                {
                    "id": f"r{i:02d}",
                    "published": f"2023-09-{i % 27 + 1:02d}",
                    "source": "Test Wire",
                    "text": f"The prime ministers of {first} and {second} met in {city} on "
                    f"Tuesday, in round {i} of the border talks. {second} accused {first} of "
                    "moving troops to the border.",
                }
            )
        )
    lines.insert(4, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stored(db: Path) -> dict[str, list[dict[str, Any]]]:
    """Every stored row, without the time it was coded at, in a stable order."""
    with Store(db) as store:
        tables = {
            name: store.rows(f"SELECT * EXCLUDE (coded_at) FROM {name} ORDER BY id")
            for name in ("documents_all", "events_all")
        }
        tables["unique_events"] = store.events(limit=1000, deduplicated=True)
    return tables


def test_ray_executor_stores_the_same_as_the_local_executor(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "reports.jsonl", 10)
    stores = {}
    for executor in ("local", "ray"):
        db = tmp_path / executor
        argv = ["ingest", str(corpus), "--db", str(db), "--shard-size", "3", "--workers", "2"]
        assert main([*argv, "--executor", executor]) == 1  # the malformed line fails
        stores[executor] = _stored(db)
        run = json.loads(next((db / "runs").glob("*.json")).read_text("utf-8"))
        assert run["settings"]["executor"] == executor and run["shard_failures"] == []
    assert not ray.is_initialized(), "the cluster started for the run is stopped after it"
    local, on_ray = stores["local"], stores["ray"]
    assert len(local["documents_all"]) == 11 and len(local["events_all"]) >= 10
    assert [d["error_code"] for d in local["documents_all"]].count("bad_json") == 1
    assert local == on_ray


def test_ray_address_without_the_ray_executor_is_bad_usage(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "reports.jsonl", 1)
    argv = ["ingest", str(corpus), "--db", str(tmp_path / "db"), "--ray-address", "auto"]
    assert main(argv) == 2, "--ray-address without --executor ray is bad usage"


class KillOnce:
    """A first step that SIGKILLs its own worker process on meeting `victim`, the first time
    only (a flag file records it), to stand for a worker lost halfway through a run."""

    name = "kill_once"

    def __init__(self, victim: str, flag: str) -> None:
        self.victim = victim
        self.flag = flag

    def run(self, batch: Sequence[Work]) -> None:
        if any(w.source.id == self.victim for w in batch):
            try:
                os.close(os.open(self.flag, os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                return
            os.kill(os.getpid(), signal.SIGKILL)


class PipelineWithAKiller:
    def __init__(self, victim: str, flag: str) -> None:
        self.victim = victim
        self.flag = flag

    def __call__(self, config: Config) -> Pipeline:
        real = default_pipeline(config)
        return Pipeline([KillOnce(self.victim, self.flag), *real.steps], config)


def test_ray_executor_retries_the_shard_of_a_killed_worker(tmp_path: Path) -> None:
    # the workers import this test module by value: it is not on their path
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    corpus = _corpus(tmp_path / "reports.jsonl", 12)
    db = tmp_path / "db"
    specs = plan_shards([str(corpus)], "auto", 2, None, 10_000)
    tasks = [ShardTask(s, str(db), load_config()) for s in specs]
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where a store should be", "utf-8")
    tasks.append(ShardTask(specs[0], str(blocked), load_config()))
    killer = PipelineWithAKiller("r07", str(tmp_path / "killed"))
    outcomes = list(RayExecutor(load_config(), killer, workers=2).run_shards(tasks, retries=1))
    assert (tmp_path / "killed").exists(), "a worker was killed"
    failed = [o for o in outcomes if o.task.store == str(blocked)]
    assert len(failed) == 1 and failed[0].marker is None and failed[0].attempts == 2
    assert "not-a-folder" in (failed[0].error or ""), "a failing shard is reported with its reason"
    outcomes.remove(failed[0])
    assert sorted(o.task.spec.id for o in outcomes) == sorted(s.id for s in specs)
    assert all(o.marker is not None for o in outcomes), [o.error for o in outcomes]
    assert max(o.attempts for o in outcomes) == 2, "the killed worker's shard ran again"
    with writer_lock(db):
        writer = StoreWriter(db)
        for outcome in outcomes:
            assert outcome.marker is not None
            writer.commit_shard(outcome.marker, "test")
    assert len(read_manifest(db)["shards"]) == len(specs)
    with Store(db) as store:
        counts = store.rows("SELECT id, count(*) AS n FROM documents_all GROUP BY id")
        assert len(counts) == 13 and all(r["n"] == 1 for r in counts), "each document once"
        events = store.rows("SELECT id, count(*) AS n FROM events_all GROUP BY id")
        assert events and all(r["n"] == 1 for r in events), "each event once"


def _commit(db: Path, outcomes: list[Any]) -> None:
    with writer_lock(db):
        writer = StoreWriter(db)
        for outcome in outcomes:
            assert outcome.marker is not None, outcome.error
            writer.commit_shard(outcome.marker, "test")


def test_ray_executor_replaces_actors_after_their_documents(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "reports.jsonl", 8)
    specs = plan_shards([str(corpus)], "auto", 3, None, 10_000)  # 9 lines: 3 shards
    stored = {}
    for name in ("ray", "local"):
        db = tmp_path / name
        tasks = [ShardTask(s, str(db), load_config()) for s in specs]
        if name == "ray":
            executor = RayExecutor(load_config(), workers=2, recycle_after=3)
            outcomes = list(executor.run_shards(tasks))
            # each actor is replaced after each shard (3 documents)
            assert executor.actors_started == 2 + len(specs)
        else:
            outcomes = list(LocalExecutor(load_config()).run_shards(tasks))
        assert sorted(o.task.spec.id for o in outcomes) == sorted(s.id for s in specs)
        assert all(o.attempts == 1 for o in outcomes), "no shard was lost to a replacement"
        _commit(db, outcomes)
        with Store(db) as store:
            stored[name] = {
                table: store.rows(f"SELECT * EXCLUDE (coded_at) FROM {table} ORDER BY id")
                for table in ("documents_all", "events_all")
            }
    assert len(stored["ray"]["documents_all"]) == 9 and stored["ray"]["events_all"]
    assert stored["ray"] == stored["local"]
