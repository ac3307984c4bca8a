"""What a step is: something that updates a batch of `Work` in place.

Steps import this module, never the executors, the store, the API or the CLI.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from newsevents.errors import DocumentFailure
from newsevents.records import Analysis, Article, DocumentError, Source
from newsevents.timelimit import TimeLimitExceeded, time_limit

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Work:
    """One document on its way through the steps of one process (never pickled)."""

    source: Source
    article: Article | None = None
    doc: Any = None  # the spaCy Doc; stays inside this process
    analysis: Analysis | None = None
    error: DocumentError | None = None
    # seconds the document may spend in the steps (setting document_timeout; None: no limit)
    time_limit: float | None = None
    time_used: float = 0.0

    def time_left(self) -> float | None:
        return None if self.time_limit is None else self.time_limit - self.time_used


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
    """Call `func(work)`, turning any failure into the document's error.

    The call is stopped when the document has used up its time (`Work.time_limit`, summed
    over its steps): it fails with `timeout` and the batch goes on.
    """
    started = time.monotonic()
    try:
        with time_limit(work.time_left()):
            func(work)
    except TimeLimitExceeded:
        work.error = timeout_error(step_name, work.time_limit)
    except DocumentFailure as failure:
        work.error = failure.as_error()
    except Exception as exc:  # a bug must cost one document, not the batch
        log.exception("step %s failed on document %s", step_name, work.source.id)
        work.error = DocumentError(
            "internal_error", f"step {step_name}: {type(exc).__name__}: {exc}"
        )
    finally:
        work.time_used += time.monotonic() - started


def timeout_error(step_name: str, limit: float | None) -> DocumentError:
    """The one wording of a document that ran out of time."""
    allowed = f"{limit:g} s" if limit is not None else "time"
    return DocumentError(
        "timeout",
        f"step {step_name}: the document took longer than its {allowed} "
        "(setting document_timeout)",
    )
