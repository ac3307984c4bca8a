"""The Ray executor: `run_shard` scheduled on a Ray cluster (`pip install "newsevents[ray]"`).

It only schedules. Each shard runs through the same `run_shard` (exec/shard.py) as with the
local executor, inside an actor that builds the pipeline, and so loads the model, once: the
first time one of its shards has work. The calling process stays the store's one writer:
actors write a shard's Parquet files and completion marker, the caller commits them as the
outcomes come back. So the store folder must be at the same path on every node of the
cluster (one machine, or a shared filesystem).

Each actor holds one shard at a time, which keeps them evenly loaded to the end of a run.
A shard that raises, or whose actor dies (killed, out of memory), is tried again up to
`retries` times and then reported, as the local executor does; a dead actor is replaced.
So is an actor that was given `recycle_after` documents, between two shards, to keep its
memory flat (see exec/workers.py).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any

import ray
from ray.exceptions import RayActorError, RayTaskError

from newsevents.config import Config
from newsevents.exec.local import PipelineFactory, ShardOutcome, next_attempt
from newsevents.exec.plan import ShardTask
from newsevents.exec.shard import run_shard
from newsevents.exec.workers import RECYCLE_AFTER_DOCUMENTS
from newsevents.pipeline import Pipeline, default_pipeline

# Objects that cross the cluster are small (a shard task, a completion marker): a small
# object store keeps a local cluster from reserving a share of the machine's memory.
LOCAL_OBJECT_STORE_BYTES = 128 * 2**20


class ShardWorker:
    """One per worker process of the cluster: runs shards with a pipeline built on first need."""

    def __init__(self, factory: PipelineFactory, config: Config) -> None:
        self._factory = factory
        self._config = config
        self._pipeline: Pipeline | None = None

    def _the_pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = self._factory(self._config)
        return self._pipeline

    def run(self, task: ShardTask) -> dict[str, Any]:
        return run_shard(task, self._the_pipeline)


class RayExecutor:
    """Run shards on a Ray cluster: the one at `address`, the one this process is already
    connected to, or else a local one started for the run (and stopped after it).

    `workers` actors are started (default: one per CPU of the cluster); each takes a whole
    CPU, or an equal share when the cluster has fewer CPUs than actors, so that every actor
    can be placed and none waits forever for a CPU.
    """

    def __init__(
        self,
        config: Config,
        factory: PipelineFactory = default_pipeline,
        address: str | None = None,
        workers: int | None = None,
        recycle_after: int = RECYCLE_AFTER_DOCUMENTS,
    ) -> None:
        if workers is not None and workers < 1:
            raise ValueError("workers must be at least 1")
        if recycle_after < 1:
            raise ValueError("recycle_after must be at least 1")
        self.config = config
        self.factory = factory
        self.address = address
        self.workers = workers
        self.recycle_after = recycle_after
        self.actors_started = 0  # replacements included, for tests and reports

    def run_shards(self, tasks: Iterable[ShardTask], retries: int = 2) -> Iterator[ShardOutcome]:
        """Run each shard on the cluster, yielding outcomes as shards end (in any order)."""
        pending = iter(tasks)
        first = next(pending, None)
        if first is None:  # nothing to do: no cluster to start
            return
        started_here = self._connect()
        try:
            cpus = float(ray.cluster_resources().get("CPU", 1.0))
            self.workers = self.workers or max(1, int(cpus))
            remote = ray.remote(ShardWorker).options(
                num_cpus=min(1.0, cpus / self.workers), max_restarts=0, max_task_retries=0
            )

            def new_actor() -> Any:
                self.actors_started += 1
                return remote.remote(self.factory, self.config)

            actors = _Actors(new_actor, self.recycle_after)
            yield from _schedule(chain([first], pending), actors, self.workers, retries)
        finally:
            if started_here:
                ray.shutdown()

    def _connect(self) -> bool:
        """Connect to the cluster; True when this call started a local one."""
        if ray.is_initialized():
            return False
        # Ray itself connects to $RAY_ADDRESS when no address is given
        local = self.address is None and not os.environ.get("RAY_ADDRESS")
        ray.init(
            address=self.address,
            num_cpus=self.workers if local else None,
            object_store_memory=LOCAL_OBJECT_STORE_BYTES if local else None,
            include_dashboard=False,
            logging_level=logging.WARNING,
        )
        return True


class _Actors:
    """Starts actors, and replaces one that was given `recycle_after` documents."""

    def __init__(self, new_actor: Callable[[], Any], recycle_after: int) -> None:
        self.new = new_actor
        self.recycle_after = recycle_after
        self._given: dict[Any, int] = {}  # documents each live actor was given

    def after_shard(self, actor: Any, task: ShardTask) -> Any:
        """`actor`, or its successor when it has had its share of documents."""
        given = self._given.pop(actor, 0) + task.spec.documents
        if given < self.recycle_after:
            self._given[actor] = given
            return actor
        ray.kill(actor)  # it holds nothing now: no shard is lost
        return self.new()

    def replace_dead(self, actor: Any) -> Any:
        self._given.pop(actor, None)
        return self.new()


def _schedule(
    tasks: Iterator[ShardTask], actors: _Actors, workers: int, retries: int
) -> Iterator[ShardOutcome]:
    """Keep one shard on each actor; retry a failed shard, then report it.

    The actors are stopped at the end, so that they give their CPUs back to the cluster
    even when the calling process stays connected to it.
    """
    idle = [actors.new() for _ in range(workers)]
    running: dict[Any, tuple[Any, ShardOutcome]] = {}
    try:
        yield from _assign(tasks, actors, idle, running, retries)
    finally:
        for actor in [*idle, *(actor for actor, _ in running.values())]:
            ray.kill(actor)


def _assign(
    tasks: Iterator[ShardTask],
    actors: _Actors,
    idle: list[Any],
    running: dict[Any, tuple[Any, ShardOutcome]],
    retries: int,
) -> Iterator[ShardOutcome]:
    retry: list[ShardOutcome] = []
    while True:
        while idle:
            outcome = next_attempt(retry, tasks)
            if outcome is None:
                break
            actor = idle.pop()
            running[actor.run.remote(outcome.task)] = (actor, outcome)
        if not running:
            return
        (ref,), _ = ray.wait(list(running), num_returns=1)
        actor, outcome = running.pop(ref)
        try:
            outcome.marker = ray.get(ref)
            outcome.error = None
            idle.append(actors.after_shard(actor, outcome.task))
            yield outcome
            continue
        except RayActorError:
            # a fresh actor takes the dead one's place (a restarted one would refuse
            # the shards sent to it while it restarts)
            outcome.error = "the Ray worker running this shard died"
            idle.append(actors.replace_dead(actor))
        except RayTaskError as exc:  # run_shard raised: report the original exception
            idle.append(actors.after_shard(actor, outcome.task))
            cause = exc.cause if isinstance(exc.cause, BaseException) else exc
            outcome.error = f"{type(cause).__name__}: {cause}"
        if outcome.attempts <= retries:
            retry.append(outcome)
        else:
            yield outcome
