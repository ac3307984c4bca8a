"""What a step is: something that updates a batch of `Work` in place.

Steps import this module, never the executors, the store, the API or the CLI.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from newsevents.errors import DocumentFailure
from newsevents.records import Analysis, Article, DocumentError, Source

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Work:
    """One document on its way through the steps of one process (never pickled)."""

    source: Source
    article: Article | None = None
    doc: Any = None  # the spaCy Doc; stays inside this process
    analysis: Analysis | None = None
    error: DocumentError | None = None


class Step(Protocol):
    """Anything with a name that updates a batch of `Work` in place."""

    name: str

    def run(self, batch: Sequence[Work]) -> None: ...


class DocumentStep:
    """A step that handles one document at a time; subclasses implement `process`."""

    name = "document-step"

    def process(self, work: Work) -> None:
        raise NotImplementedError

    def run(self, batch: Sequence[Work]) -> None:
        for work in batch:
            if work.error is None:
                run_guarded(self.name, self.process, work)


def run_guarded(step_name: str, func: Any, work: Work) -> None:
    """Call `func(work)`, turning any failure into the document's error."""
    try:
        func(work)
    except DocumentFailure as failure:
        work.error = failure.as_error()
    except Exception as exc:  # a bug must cost one document, not the batch
        log.exception("step %s failed on document %s", step_name, work.source.id)
        work.error = DocumentError(
            "internal_error", f"step {step_name}: {type(exc).__name__}: {exc}"
        )
