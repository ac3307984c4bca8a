"""The local executor: the pipeline in this process, or in N worker processes.

Streaming: sources are cut into batches and at most `2 * workers` batches are in flight,
so memory stays flat however many documents come in (`Pool.imap` would read the whole
input ahead). Results come back in input order. Each worker builds the pipeline, and so
loads the model, once.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from newsevents.config import Config
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
    assert _worker_pipeline is not None, "worker was not initialised"
    return _worker_pipeline.run(batch)


class LocalExecutor:
    """Run a pipeline over a stream of sources on this machine."""

    def __init__(self, config: Config, factory: PipelineFactory = default_pipeline) -> None:
        self.config = config
        self.factory = factory

    def run(self, sources: Iterable[Source]) -> Iterator[Analysis]:
        batches = batched(sources, self.config.batch_size)
        if self.config.workers == 1:
            pipeline = self.factory(self.config)
            for batch in batches:
                yield from pipeline.run(batch)
        else:
            yield from self._run_pool(batches)

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn: workers start clean instead of inheriting whatever the parent loaded
        return ProcessPoolExecutor(
            max_workers=self.config.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.factory, self.config),
        )

    def _run_pool(self, batches: Iterator[list[Source]]) -> Iterator[Analysis]:
        pool = self._new_pool()
        in_flight: deque[tuple[list[Source], Future[list[Analysis]]]] = deque()
        try:
            while True:
                while len(in_flight) < 2 * self.config.workers:
                    batch = next(batches, None)
                    if batch is None:
                        break
                    in_flight.append((batch, pool.submit(_run_in_worker, batch)))
                if not in_flight:
                    return
                batch, future = in_flight.popleft()
                try:
                    yield from future.result()
                except BrokenProcessPool:
                    # a worker died (killed, out of memory): report the documents it held
                    # and those queued behind it, then carry on with a fresh pool
                    yield from _crashed(batch)
                    for queued, _ in in_flight:
                        yield from _crashed(queued)
                    in_flight.clear()
                    pool.shutdown(cancel_futures=True)
                    pool = self._new_pool()
        finally:
            pool.shutdown(cancel_futures=True)


def _crashed(batch: list[Source]) -> Iterator[Analysis]:
    error = DocumentError("worker_crashed", "the worker process analysing this batch died")
    for source in batch:
        yield Analysis.failed(source, error)
