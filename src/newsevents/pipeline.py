"""A `Pipeline` of small steps over batches of documents.

A step knows nothing of where it runs (one process, a pool, a cluster): executors call
`Pipeline.run(sources)` on a batch and get one `Analysis` per source back, in order.
A document that fails a step keeps its failure and skips the remaining steps; the other
documents of the batch go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsevents.config import Config
from newsevents.records import Analysis, Source
from newsevents.step import Step, Work


class Pipeline:
    """Ordered steps; the last one must leave an `Analysis` on every successful `Work`."""

    def __init__(self, steps: Sequence[Step], config: Config) -> None:
        if not steps:
            raise ValueError("a pipeline needs at least one step")
        self.steps = list(steps)
        self.config = config

    def run(self, sources: Iterable[Source]) -> list[Analysis]:
        limit = self.config.document_timeout or None  # 0: no limit
        batch = [Work(source, error=source.error, time_limit=limit) for source in sources]
        for step in self.steps:
            step.run(batch)
        return [self._result(work) for work in batch]

    @staticmethod
    def _result(work: Work) -> Analysis:
        if work.error is not None:
            return Analysis.failed(work.source, work.error)
        if work.analysis is None:
            raise RuntimeError(f"pipeline produced no analysis for {work.source.id}")
        return work.analysis


def default_pipeline(config: Config) -> Pipeline:
    """The standard steps, in the order of ARCHITECTURE.md's data flow."""
    from newsevents.events.step import CodeEvents, TagTimes
    from newsevents.geo.step import TagPlaces
    from newsevents.ingest.steps import CheckLanguage, Clean, Date, Decode
    from newsevents.nlp.parse import Parse
    from newsevents.quotes.step import TagQuotes

    steps: list[Step] = [Decode(config)]
    if config.clean:
        steps.append(Clean())
    steps += [Date(), CheckLanguage(config), Parse(config.parse_batch_tokens)]
    steps += [TagTimes(), TagPlaces()]
    steps += [TagQuotes(), CodeEvents()]
    return Pipeline(steps, config)
