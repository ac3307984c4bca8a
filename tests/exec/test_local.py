from __future__ import annotations

import itertools
import os
from collections import Counter
from collections.abc import Iterator, Sequence

from newsevents.config import Config, load_config
from newsevents.exec.local import LocalExecutor
from newsevents.pipeline import Pipeline, default_pipeline
from newsevents.records import Source
from newsevents.step import Work


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


class RecordWorker:
    """A last step that writes the id of the process that analysed a document into its
    `origin`, to see which worker did what."""

    name = "record_worker"

    def run(self, batch: Sequence[Work]) -> None:
        for work in batch:
            if work.analysis is not None:
                work.analysis.origin = str(os.getpid())


def pipeline_recording_workers(config: Config) -> Pipeline:
    return Pipeline([*default_pipeline(config).steps, RecordWorker()], config)


def test_local_executor_replaces_workers_and_gives_the_same_analyses() -> None:
    sources = list(itertools.islice(_endless(), 12))
    config = load_config(workers=2, batch_size=2)
    executor = LocalExecutor(config, pipeline_recording_workers, recycle_after=4)
    recycled = list(executor.run(sources))
    assert [a.id for a in recycled] == [s.id for s in sources], "complete, in input order"
    per_process = Counter(a.origin for a in recycled)
    assert len(per_process) >= 3 and max(per_process.values()) <= 4, "workers were replaced"
    alone = list(LocalExecutor(load_config(batch_size=2)).run(sources))
    without_origin = [{**a.to_dict(), "origin": None} for a in recycled]
    assert without_origin == [{**a.to_dict(), "origin": None} for a in alone]
