"""Recycled worker processes: each is replaced after its share of documents, one at a time,
and a worker that dies takes only its own tasks with it."""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest

from newsevents.exec.workers import RecycledWorkers


def _nothing() -> None:
    """The worker initializer: these tasks need no pipeline."""


def _pid_of(task: int) -> tuple[int, int]:
    return task, os.getpid()


def _die_on(task: int) -> tuple[int, int]:
    if task == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return task, os.getpid()


Result = tuple[int, int] | BrokenProcessPool


def _run_all(
    workers: RecycledWorkers, fn: Callable[[int], tuple[int, int]], tasks: list[int]
) -> dict[int, Result]:
    """Submit every task (one document each) as room allows; task -> result or exception."""
    results: dict[int, Result] = {}
    pending = list(tasks)
    running: dict[Future[tuple[int, int]], int] = {}
    try:
        while pending or running:
            while pending and workers.has_room():
                future = workers.submit(fn, pending[0], 1)
                assert future is not None
                running[future] = pending.pop(0)
            future = next(iter(running))
            task = running.pop(future)
            try:
                results[task] = future.result(timeout=120)
                workers.finished(future)
            except BrokenProcessPool as exc:
                results[task] = exc
                workers.finished(future, broken=True)
    finally:
        workers.shutdown()
    return results


def test_workers_are_replaced_after_their_documents() -> None:
    workers = RecycledWorkers(2, _nothing, (), recycle_after=3)
    results = _run_all(workers, _pid_of, list(range(12)))
    assert sorted(results) == list(range(12)), "every task ran once"
    per_process = Counter(r[1] for r in results.values() if isinstance(r, tuple))
    assert max(per_process.values()) <= 3, "no process was given more than its share"
    assert len(per_process) >= 4 and workers.processes_started == len(per_process)
    assert os.getpid() not in per_process


def test_workers_a_dead_worker_loses_only_its_own_tasks() -> None:
    workers = RecycledWorkers(2, _nothing, (), recycle_after=100)
    results = _run_all(workers, _die_on, list(range(10)))
    lost = [task for task, result in results.items() if isinstance(result, BrokenProcessPool)]
    assert 3 in lost and len(lost) <= 2, "the dead worker's tasks, at most the two it held"
    assert all(isinstance(results[t], tuple) for t in range(10) if t not in lost)
    assert workers.processes_started == 3, "one new process replaced the dead one"


def test_workers_need_a_positive_share() -> None:
    with pytest.raises(ValueError):
        RecycledWorkers(2, _nothing, (), recycle_after=0)


def test_workers_hold_at_most_their_share_of_tasks() -> None:
    for per_worker in (1, 2):
        workers = RecycledWorkers(2, _nothing, (), recycle_after=100, tasks_per_worker=per_worker)
        try:
            given = 0
            while workers.has_room():
                assert workers.submit(_pid_of, given, 1) is not None
                given += 1
            assert given == 2 * per_worker
            assert workers.submit(_pid_of, given, 1) is None, "no room: nothing is taken"
        finally:
            workers.shutdown()
    with pytest.raises(ValueError):
        RecycledWorkers(2, _nothing, (), tasks_per_worker=0)
