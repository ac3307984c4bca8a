"""The local executor: the pipeline in this process, or in N worker processes.

`run` streams analyses back (annotate, code); `run_shards` schedules `run_shard` over the
shards of an ingest, retrying a failed shard before reporting it (see exec/shard.py).

Streaming: sources are cut into batches and at most `2 * workers` batches are in flight,
so memory stays flat however many documents come in (`Pool.imap` would read the whole
input ahead). Results come back in input order. Each worker process builds the pipeline,
and so loads the model, once; it is replaced by a fresh one after `recycle_after` documents
(exec/workers.py), so that its memory stays flat too.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice

from newsevents.config import Config
from newsevents.exec.plan import ShardTask
from newsevents.exec.workers import (
    RECYCLE_AFTER_DOCUMENTS,
    TASKS_PER_WORKER,
    RecycledWorkers,
)
from newsevents.pipeline import Pipeline, default_pipeline
from newsevents.records import Analysis, DocumentError, Source

PipelineFactory = Callable[[Config], Pipeline]

_worker_pipeline: Pipeline | None = None


def batched(items: Iterable[Source], size: int) -> Iterator[list[Source]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _init_worker(factory: PipelineFactory, config: Config) -> None:
    global _worker_pipeline
    _worker_pipeline = factory(config)


def _run_in_worker(batch: list[Source]) -> list[Analysis]:
    return _the_worker_pipeline().run(batch)


def _the_worker_pipeline() -> Pipeline:
    assert _worker_pipeline is not None, "worker was not initialised"
    return _worker_pipeline


def _run_shard_in_worker(task: ShardTask) -> dict[str, object]:
    from newsevents.exec.shard import run_shard  # the store's libraries load only for ingest

    return run_shard(task, _the_worker_pipeline)


@dataclass(slots=True)
class ShardOutcome:
    """How a shard ended: its completion marker, or the reason of its last failure."""

    task: ShardTask
    marker: dict[str, object] | None = None
    error: str | None = None
    attempts: int = 1


def next_attempt(retry: list[ShardOutcome], tasks: Iterator[ShardTask]) -> ShardOutcome | None:
    """The next shard to run: one waiting for a retry first, else a new one; None when done."""
    outcome = retry.pop() if retry else None
    if outcome is None:
        task = next(tasks, None)
        if task is None:
            return None
        outcome = ShardOutcome(task, attempts=0)
    outcome.attempts += 1
    return outcome


class LocalExecutor:
    """Run a pipeline over a stream of sources on this machine."""

    def __init__(
        self,
        config: Config,
        factory: PipelineFactory = default_pipeline,
        recycle_after: int = RECYCLE_AFTER_DOCUMENTS,
    ) -> None:
        self.config = config
        self.factory = factory
        self.recycle_after = recycle_after  # documents a worker process is given (workers.py)

    def run(self, sources: Iterable[Source]) -> Iterator[Analysis]:
        batches = batched(sources, self.config.batch_size)
        if self.config.workers == 1:
            pipeline = self.factory(self.config)
            for batch in batches:
                yield from pipeline.run(batch)
        else:
            yield from self._run_pool(batches)

    def run_shards(self, tasks: Iterable[ShardTask], retries: int = 2) -> Iterator[ShardOutcome]:
        """Run each shard (in worker processes when workers > 1), yielding outcomes as they end.

        A shard that raises, or whose worker dies, is tried again up to `retries` times and
        then reported with the reason; the other shards go on.
        """
        if self.config.workers == 1:
            from newsevents.exec.shard import run_shard

            pipeline: list[Pipeline] = []

            def lazy() -> Pipeline:  # the model loads only when a shard has work
                if not pipeline:
                    pipeline.append(self.factory(self.config))
                return pipeline[0]

            for task in tasks:
                outcome = ShardOutcome(task, attempts=0)
                while outcome.marker is None and outcome.attempts <= retries:
                    outcome.attempts += 1
                    try:
                        outcome.marker = run_shard(task, lazy)
                        outcome.error = None
                    except Exception as exc:  # a shard's failure is reported, not fatal
                        outcome.error = f"{type(exc).__name__}: {exc}"
                yield outcome
        else:
            yield from self._run_shards_pool(iter(tasks), retries)

    def _run_shards_pool(self, tasks: Iterator[ShardTask], retries: int) -> Iterator[ShardOutcome]:
        # one shard per worker at a time: a shard queued behind a busy worker would keep the
        # other one idle at the end of the run; a worker gets its next shard before the
        # caller commits the last one, so it does not wait for the commit either
        workers = self._workers(tasks_per_worker=1)
        running: dict[Future[dict[str, object]], ShardOutcome] = {}
        retry: list[ShardOutcome] = []
        ready: list[ShardOutcome] = []
        try:
            while True:
                while workers.has_room():
                    outcome = next_attempt(retry, tasks)
                    if outcome is None:
                        break
                    task = outcome.task
                    future = workers.submit(_run_shard_in_worker, task, task.spec.documents)
                    assert future is not None, "a worker had room"
                    running[future] = outcome
                yield from ready
                ready = []
                if not running:
                    return
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    outcome = running.pop(future)
                    try:
                        outcome.marker = future.result()
                        outcome.error = None
                        workers.finished(future)
                        ready.append(outcome)
                        continue
                    except BrokenProcessPool:
                        # only the shards that worker held are lost; the others go on
                        workers.finished(future, broken=True)
                        outcome.error = "the worker process running this shard died"
                    except Exception as exc:
                        workers.finished(future)
                        outcome.error = f"{type(exc).__name__}: {exc}"
                    if outcome.attempts <= retries:
                        retry.append(outcome)
                    else:
                        ready.append(outcome)
        finally:
            workers.shutdown()

    def _workers(self, tasks_per_worker: int = TASKS_PER_WORKER) -> RecycledWorkers:
        return RecycledWorkers(
            self.config.workers,
            _init_worker,
            (self.factory, self.config),
            self.recycle_after,
            tasks_per_worker,
        )

    def _run_pool(self, batches: Iterator[list[Source]]) -> Iterator[Analysis]:
        workers = self._workers()
        in_flight: deque[tuple[list[Source], Future[list[Analysis]]]] = deque()
        try:
            while True:
                while workers.has_room():
                    batch = next(batches, None)
                    if batch is None:
                        break
                    future = workers.submit(_run_in_worker, batch, len(batch))
                    assert future is not None, "a worker had room"
                    in_flight.append((batch, future))
                if not in_flight:
                    return
                batch, future = in_flight.popleft()
                try:
                    analyses = future.result()
                except BrokenProcessPool:
                    # a worker died (killed, out of memory): report the documents it held
                    # (the batches of the other workers go on) and carry on with a new one
                    workers.finished(future, broken=True)
                    yield from _crashed(batch)
                    continue
                workers.finished(future)
                yield from analyses
        finally:
            workers.shutdown()


def _crashed(batch: list[Source]) -> Iterator[Analysis]:
    error = DocumentError("worker_crashed", "the worker process analysing this batch died")
    for source in batch:
        yield Analysis.failed(source, error)
