"""Typed records that cross step and process boundaries.

Records are small slotted dataclasses with a JSON round trip (`to_dict` / `from_dict`).
spaCy objects never appear here: what a worker sends back is one `Analysis` per document.
Field names of `Analysis.to_dict()` are the output contract of ARCHITECTURE.md.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


def _from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build a flat record from a dict, ignoring keys the record does not know."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


class FlatRecord:
    """Base of records whose fields are all plain values: their dict is their fields."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]


@dataclass(slots=True)
class Source:
    """One unit of input before decoding: a file, a JSON Lines record or stdin.

    `raw` is bytes for files (decoding is a per-document step that may fail) or str
    when the reader already holds text (a JSON Lines field). `error` is set when the
    reader itself could not make sense of the unit (e.g. a malformed JSON line); the
    pipeline then emits an error record for it instead of dropping it.
    """

    id: str
    raw: bytes | str
    format: str  # text | html | jsonl-text | jsonl-html
    published: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str = ""  # file path (and line) the unit came from
    error: DocumentError | None = None


@dataclass(slots=True)
class DocumentError(FlatRecord):
    """Why a document could not be analysed. `code` is stable; `message` is for people."""

    code: str
    message: str


@dataclass(slots=True)
class Removal(FlatRecord):
    """A span deleted from the original input text by the scraped-noise cleaner."""

    start: int
    end: int
    kind: str  # caption | credit | boilerplate | share | advertisement | related | byline


@dataclass(slots=True)
class Span(FlatRecord):
    """A character range of the cleaned text (sentences, triggers)."""

    start: int
    end: int


@dataclass(slots=True)
class Entity(FlatRecord):
    """A named-entity mention found by the parser."""

    text: str
    start: int
    end: int
    label: str


@dataclass(slots=True)
class Article:
    """A decoded document: its original text, and the cleaned text later steps read."""

    id: str
    original: str
    text: str
    published: str | None = None
    published_inferred: bool = False
    url: str | None = None
    title: str | None = None
    removed: list[Removal] = field(default_factory=list)


@dataclass(slots=True)
class Analysis:
    """Everything newsevents found in one document (one JSON line of `annotate`).

    `actors`, `times`, `places`, `quotes` and `events` are filled by later steps; they
    are plain dicts in the contract's shape until those steps define their records.
    """

    id: str
    published: str | None = None
    published_inferred: bool = False
    text: str = ""
    url: str | None = None
    title: str | None = None
    removed: list[Removal] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    error: DocumentError | None = None
    origin: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "published": self.published,
            "published_inferred": self.published_inferred,
            "url": self.url,
            "title": self.title,
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
            "sentences": [s.to_dict() for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "actors": self.actors,
            "times": self.times,
            "places": self.places,
            "quotes": self.quotes,
            "events": self.events,
            "error": self.error.to_dict() if self.error else None,
            "origin": self.origin,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        analysis = _from_dict(cls, data)
        analysis.removed = [_from_dict(Removal, r) for r in data.get("removed", [])]
        analysis.sentences = [_from_dict(Span, s) for s in data.get("sentences", [])]
        analysis.entities = [_from_dict(Entity, e) for e in data.get("entities", [])]
        err = data.get("error")
        analysis.error = _from_dict(DocumentError, err) if err else None
        return analysis

    @classmethod
    def failed(cls, source: Source, error: DocumentError) -> Analysis:
        """The record of a document that could not be analysed; it keeps its identity."""
        return cls(
            id=source.id,
            published=source.published,
            url=source.url,
            title=source.title,
            error=error,
            origin=source.origin,
        )
