"""Worker processes that are replaced after a number of documents, one at a time.

A worker's memory creeps up as it runs: spaCy's vocabulary and string store only grow (until
a corpus's words are all seen), and glibc's heap keeps ever more of what the batches freed
(measured: 80 MB of live blocks and 130 MB of free ones after 400 documents, 300 MB free
after 2,500; a fixed mmap threshold of 256 kB halves that but costs 17% more CPU;
`run_shard` hands the free pages back after each shard, which keeps most of it). So a
worker that has been given `recycle_after` documents finishes the work it holds and exits,
and a fresh one takes its place: peak memory stays that of a young worker however long the
input. Each worker is its own one-process pool, so a replacement costs only that worker's
start (the model and the tables: about 3 s of CPU) while the others go on; and a worker
that dies takes only its own work with it.

`ProcessPoolExecutor(max_tasks_per_child=...)` would do the counting, but on Python 3.11 it
can hang once a worker retires with tasks queued (CPython issue 115634).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, TypeVar

# Documents a worker process is given before it is replaced. A start costs about 3 s of
# CPU (the model and the tables), and a little more while the worker's memories of lemmas
# and lookups fill again; a news article about 0.18 s: restarts cost about 3% of the work.
# With 1,500, workers of a 20,000-document run peaked at 624 MB where those of a 1,000-
# document run (about 500 documents each) peaked at 579 MB: what a worker keeps (its
# vocabulary, its memories of lemmas and lookups) grows with the documents it has seen.
RECYCLE_AFTER_DOCUMENTS = 500
# Tasks each worker holds at once: one running, one waiting, so that it never waits for the
# calling process (busy writing out results in input order) to hand it the next one.
TASKS_PER_WORKER = 2

T = TypeVar("T")


@dataclass(eq=False)
class _Slot:
    """One worker process (None until needed), what it was given and what it holds."""

    executor: ProcessPoolExecutor | None = None
    given: int = 0
    holding: set[Future[Any]] = field(default_factory=set)
    retiring: bool = False
    started: int = 0  # processes started in this slot, for tests and reports


class RecycledWorkers:
    """`workers` worker processes, each replaced after it was given `recycle_after` documents.

    `initializer(*initargs)` runs at the start of every worker process (it builds the
    pipeline). Call `submit` while it returns a future, and `finished` for each future
    once its result was taken.
    """

    def __init__(
        self,
        workers: int,
        initializer: Callable[..., None],
        initargs: tuple[Any, ...],
        recycle_after: int = RECYCLE_AFTER_DOCUMENTS,
        tasks_per_worker: int = TASKS_PER_WORKER,
    ) -> None:
        if workers < 1 or recycle_after < 1 or tasks_per_worker < 1:
            raise ValueError("workers, recycle_after and tasks_per_worker must be at least 1")
        self.recycle_after = recycle_after
        self.tasks_per_worker = tasks_per_worker
        self._initializer = initializer
        self._initargs = initargs
        self._slots = [_Slot() for _ in range(workers)]
        # each future's slot, and the process pool it went to (a slot may have had a new one
        # since)
        self._slot_of: dict[Future[Any], tuple[_Slot, ProcessPoolExecutor]] = {}

    @property
    def processes_started(self) -> int:
        """Worker processes started so far (replacements included)."""
        return sum(slot.started for slot in self._slots)

    def has_room(self) -> bool:
        """Whether `submit` would take a task now."""
        return self._free_slot() is not None

    def submit(self, fn: Callable[[Any], T], task: Any, documents: int) -> Future[T] | None:
        """Give `task` (of `documents` documents) to the least busy worker; None when every
        worker holds all it may."""
        slot = self._free_slot()
        if slot is None:
            return None
        executor = slot.executor or self._start(slot)
        try:
            future = executor.submit(fn, task)
        except BrokenProcessPool:  # its process died before we heard of it: a new one
            executor.shutdown(wait=False, cancel_futures=True)
            executor = self._start(slot)
            future = executor.submit(fn, task)
        slot.holding.add(future)
        self._slot_of[future] = (slot, executor)
        slot.given += documents
        if slot.given >= self.recycle_after:
            # it finishes what it holds, then exits; `finished` starts its successor
            slot.retiring = True
            executor.shutdown(wait=False)
        return future

    def finished(self, future: Future[Any], broken: bool = False) -> None:
        """Forget a future whose result was taken; `broken`: its worker process died."""
        slot, executor = self._slot_of.pop(future)
        slot.holding.discard(future)
        if broken and slot.executor is executor:
            # the other tasks it held fail the same way; the next task gets a new process
            slot.executor.shutdown(wait=False, cancel_futures=True)
            slot.executor, slot.retiring = None, False
        if slot.retiring and not slot.holding and slot.executor is not None:
            slot.executor.shutdown(wait=True)  # the process has exited: memory is free
            slot.executor, slot.retiring = None, False

    def shutdown(self) -> None:
        """Stop every worker, cancelling the tasks not started."""
        for slot in self._slots:
            if slot.executor is not None:
                slot.executor.shutdown(cancel_futures=True)
                slot.executor = None

    def _free_slot(self) -> _Slot | None:
        free = [
            s for s in self._slots if not s.retiring and len(s.holding) < self.tasks_per_worker
        ]
        return min(free, key=lambda s: len(s.holding), default=None)

    def _start(self, slot: _Slot) -> ProcessPoolExecutor:
        """A new worker for `slot` (its process starts with the first task)."""
        # spawn: workers start clean instead of inheriting whatever the parent loaded
        slot.executor = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=self._initializer,
            initargs=self._initargs,
        )
        slot.given = 0
        slot.started += 1
        return slot.executor
