from __future__ import annotations

import itertools
from collections.abc import Iterator

from newsevents.config import load_config
from newsevents.exec.local import LocalExecutor
from newsevents.records import Source


def _endless() -> Iterator[Source]:
    for i in itertools.count():
        yield Source(id=f"d{i}", raw=f"Document number {i} was written in Lima.", format="text")


def test_local_executor_streams_an_endless_input_in_process() -> None:
    results = LocalExecutor(load_config(batch_size=4)).run(_endless())
    first = list(itertools.islice(results, 10))
    assert [a.id for a in first] == [f"d{i}" for i in range(10)]
    assert all(a.ok for a in first)


def test_local_executor_streams_an_endless_input_with_workers() -> None:
    results = LocalExecutor(load_config(workers=2, batch_size=2)).run(_endless())
    first = list(itertools.islice(results, 12))
    assert [a.id for a in first] == [f"d{i}" for i in range(12)], "input order is kept"
